import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { StaffApi } from "../support/collections-api";
import { expect, expectNoSeriousA11yViolations, signInToAgency, signInToPortal, STAFF, test, uniqueName } from "../support/fixtures";

/**
 * Seed 002, incident reporting: the demo tenant reports a leaking tap from the portal with a
 * photo and when they are in; a manager finds it in the agency's queue, qualifies it, assigns a
 * contractor (added through the API), who is e-mailed the work order (the incident page says to
 * whom and when, and sends it again), schedules the visit and resolves it; after each step the
 * tenant's page shows the new status, and the portal's home lists the incident while it is open.
 * Axe runs on each new screen. The title carries a random suffix; other specs share the demo lease.
 */

// The manager's browser runs in New York while the agency is in Brussels: the visit typed as 10:00
// must be 10:00 in Brussels, the clock the tenant reads it on.
test.use({ timezoneId: "America/New_York" });

// A 1×1 PNG: the API checks photos by decoding them.
const PHOTO = {
  name: "tap.png",
  mimeType: "image/png",
  buffer: Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"),
};

async function tenantSees(tenant: Page, url: string, status: string): Promise<void> {
  await tenant.goto(url);
  await expect(tenant.getByRole("heading", { level: 2, name: "Progress" })).toBeVisible();
  await expect(tenant.getByRole("listitem").filter({ hasText: status }).first()).toBeVisible();
}

test("a tenant reports an incident with a photo and follows it while staff qualify, assign, schedule and resolve it", async ({ page, browser, request }, testInfo) => {
  const title = uniqueName("Kitchen tap leaking");
  const owner = await StaffApi.signIn(request, STAFF.owner);
  const contractorName = uniqueName("Plomberie Dupont");
  const contractorEmail = `jobs-${randomUUID().slice(0, 8)}@dupont.example`;
  await owner.post("/contractors", { name: contractorName, categories: ["plumbing"], phone: "02 555 12 34", email: contractorEmail }, { "Idempotency-Key": randomUUID() });

  const tenantContext = await browser.newContext();
  const tenant = await tenantContext.newPage();
  let incidentUrl = "";

  await test.step("the tenant reports the problem from the bottom bar, with a photo and their availability", async () => {
    await signInToPortal(tenant);
    await tenant.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
    await expect(tenant.getByRole("heading", { level: 1, name: "Incidents" })).toBeVisible();
    await tenant.getByRole("link", { name: "Report a problem" }).click();
    await expect(tenant.getByRole("heading", { level: 1, name: "Report a problem" })).toBeVisible();
    const home = tenant.getByRole("combobox", { name: "Which home?" });
    if (await home.isVisible()) await home.selectOption({ label: "Residence Louise, Flat 1A" });
    await tenant.getByRole("combobox", { name: "Kind of problem" }).selectOption({ label: "Plumbing" });
    await tenant.getByRole("textbox", { name: "In a few words" }).fill(title);
    await tenant.getByRole("textbox", { name: "What is happening" }).fill("The kitchen tap drips all night.");
    await tenant.getByRole("textbox", { name: "When can someone come in?" }).fill("Weekdays after 17:00");
    await tenant.getByLabel("Photos (optional)").setInputFiles(PHOTO);
    await expectNoSeriousA11yViolations(tenant, testInfo, "portal incident form");
    await tenant.getByRole("button", { name: "Send the report" }).click();
    await expect(tenant.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(tenant.getByText("Thank you: the agency has your report.")).toBeVisible();
    await expect(tenant.getByRole("img", { name: "Photo 1" })).toBeVisible();
    incidentUrl = tenant.url();
    await expectNoSeriousA11yViolations(tenant, testInfo, "portal incident");
    await tenant.goto("/portal/");
    await expect(tenant.getByRole("region", { name: "Open incidents" }).getByRole("link", { name: title })).toBeVisible();
  });

  await signInToAgency(page, STAFF.manager);
  await test.step("the manager finds it in the queue and qualifies it", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Incidents" })).toBeVisible();
    await page.getByRole("searchbox", { name: "Search" }).fill(title);
    await page.getByRole("link", { name: new RegExp(`^${title}`, "u") }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole("img", { name: /^Photo 1 from/u })).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, "agency incident");
    await page.getByRole("button", { name: "Qualify" }).click();
    const form = page.getByRole("form", { name: "Qualify" });
    await form.getByRole("combobox", { name: "Priority" }).selectOption({ label: "High" });
    await form.getByRole("button", { name: "Qualify" }).click();
    await expect(page.getByRole("button", { name: "Assign a contractor" })).toBeVisible();
  });
  await tenantSees(tenant, incidentUrl, "Being looked at");

  await test.step("the queue shows how long it has waited; the lease's and the tenant's pages list it, open ones first", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
    await expect(page.getByText(/^Open incidents come first by priority/u)).toBeVisible();
    await page.getByRole("searchbox", { name: "Search" }).fill(title);
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(title);
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: new RegExp(`^${title}`, "u") }) });
    await expect(row.getByRole("cell", { name: /^\d+ hours?$/u })).toBeVisible();
    await expect(row.getByText("Overdue")).toHaveCount(0);
    await row.getByRole("link", { name: "1A · Residence Louise" }).click();

    const leaseIncidents = page.getByRole("table", { name: "Incidents reported on this lease, open ones first" });
    await expect(leaseIncidents).toBeVisible();
    const onLease = leaseIncidents.getByRole("row").filter({ has: page.getByRole("link", { name: title }) });
    await expect(onLease.getByRole("cell", { name: "Qualified" })).toBeVisible();
    await expect(onLease.getByRole("cell", { name: "Plumbing" })).toBeVisible();
    await expect(onLease.getByRole("cell", { name: "High" })).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, "agency lease with incidents");
    await onLease.getByRole("link").nth(1).click(); // the tenant who reported it

    const tenantIncidents = page.getByRole("table", { name: /^Incidents .* reported, open ones first$/u });
    await expect(tenantIncidents.getByRole("link", { name: title })).toBeVisible();
    await tenantIncidents.getByRole("link", { name: title }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  });

  await test.step("the manager assigns the contractor", async () => {
    await page.getByRole("button", { name: "Assign a contractor" }).click();
    const form = page.getByRole("form", { name: "Assign a contractor" });
    await form.getByRole("combobox", { name: "Contractor" }).selectOption({ label: `${contractorName} (Plumbing)` });
    await form.getByRole("button", { name: "Assign a contractor" }).click();
    await expect(page.getByRole("button", { name: "Schedule the visit" })).toBeVisible();
    // The contractor is e-mailed the job: queued at once, sent by the worker within seconds.
    const workOrder = page.getByRole("region", { name: "Work order" });
    const sentTo = new RegExp(`^(Being sent to|Work order sent to) ${contractorEmail.replaceAll(".", "\\.")}`, "u");
    await expect(workOrder.getByRole("status")).toHaveText(sentTo);
    await workOrder.getByRole("button", { name: "Re-send the work order" }).click();
    await expect(workOrder.getByRole("button", { name: "Re-send the work order" })).toBeEnabled();
    await expect(workOrder.getByRole("status")).toHaveText(sentTo);
    await expectNoSeriousA11yViolations(page, testInfo, "agency incident with its work order");
  });
  await tenantSees(tenant, incidentUrl, "Contractor assigned");
  await expect(tenant.getByText(`Contractor: ${contractorName}`)).toBeVisible();

  await test.step("the manager schedules the visit", async () => {
    await page.getByRole("button", { name: "Schedule the visit" }).click();
    const form = page.getByRole("form", { name: "Schedule the visit" });
    // Typed on the agency's clock (Europe/Brussels), whatever the browser's zone.
    await expect(form.getByText("On the agency's clock (Europe/Brussels)")).toBeVisible();
    await form.getByLabel("Date and time of the visit").fill("2030-01-15T10:00");
    await form.getByRole("button", { name: "Schedule the visit" }).click();
    await expect(page.getByRole("button", { name: "Mark resolved" })).toBeVisible();
    // The form closes once the lists are refreshed, after the status changed: wait for it, or the
    // next click opens a form that closing then removes.
    await expect(page.getByRole("form", { name: "Schedule the visit" })).toHaveCount(0);
    // Moving the visit starts from the current one, on the agency's clock.
    await page.getByRole("button", { name: "Schedule the visit" }).click();
    await expect(page.getByRole("form", { name: "Schedule the visit" }).getByLabel("Date and time of the visit")).toHaveValue("2030-01-15T10:00");
  });
  await tenantSees(tenant, incidentUrl, "Visit planned");
  await expect(tenant.getByText(/^Visit: 15 January 2030, 10:00/u)).toBeVisible();

  await test.step("the manager resolves it", async () => {
    await page.getByRole("button", { name: "Mark resolved" }).click();
    const form = page.getByRole("form", { name: "Mark resolved" });
    await form.getByLabel("What was done (the tenant reads it)").fill("Replaced the tap cartridge.");
    await form.getByRole("button", { name: "Mark resolved" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "What was done" })).toBeVisible();
  });
  await tenantSees(tenant, incidentUrl, "Resolved");
  await expect(tenant.getByText("Replaced the tap cartridge.").first()).toBeVisible();
  await tenant.goto("/portal/");
  await expect(tenant.getByRole("region", { name: "Open incidents" }).getByRole("link", { name: title })).toHaveCount(0);
  await tenantContext.close();
});
