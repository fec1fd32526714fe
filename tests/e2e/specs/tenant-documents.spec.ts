import { readFile } from "node:fs/promises";
import { StaffApi } from "../support/collections-api";
import { expect, expectNoSeriousA11yViolations, signInToAgency, signInToPortal, STAFF, test, uniqueName } from "../support/fixtures";
import { savedDataMentions, waitForServiceWorkerControl } from "../support/offline";

/**
 * Seed 002, the documents section: a manager publishes a condition report on the demo lease's
 * page in the agency app; the demo tenant finds it among the latest documents on the portal's
 * home and on the Documents screen (reached from the bottom bar), filters by its kind and
 * downloads it; offline, the Documents screen still lists it. Axe runs on each new screen. The
 * title carries a random suffix; other specs share the demo lease.
 */

const REPORT = {
  name: "condition-report.pdf",
  mimeType: "application/pdf",
  buffer: Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
};

test("staff publish a condition report on the lease page and the tenant finds and downloads it", async ({ page, browser, request }, testInfo) => {
  const title = uniqueName("Condition report at move-in");
  const owner = await StaffApi.signIn(request, STAFF.owner);
  const leaseId = await owner.seededLeaseId();

  await signInToAgency(page, STAFF.manager);
  await test.step("the manager publishes the report from the lease page", async () => {
    await page.goto(`/agency/leases/${leaseId}`);
    const section = page.getByRole("region", { name: "Documents" });
    await expect(section).toBeVisible();
    await section.getByRole("button", { name: "Publish a document" }).click();
    const form = section.getByRole("form", { name: "Publish a document" });
    await form.getByRole("combobox", { name: "Kind" }).selectOption({ label: "Condition report at move-in" });
    await form.getByRole("textbox", { name: "Title" }).fill(title);
    await form.getByLabel("File").setInputFiles(REPORT);
    await expectNoSeriousA11yViolations(page, testInfo, "agency lease documents");
    await form.getByRole("button", { name: "Publish" }).click();
    const row = section.getByRole("row").filter({ hasText: title });
    await expect(row).toContainText("In the tenants' portal");
    await expect(row).toContainText("Condition report at move-in");
  });

  const tenantContext = await browser.newContext();
  const tenant = await tenantContext.newPage();
  await test.step("the tenant sees it among the latest documents on the home", async () => {
    await signInToPortal(tenant);
    const latest = tenant.getByRole("region", { name: "Latest documents" });
    await expect(latest.getByRole("heading", { name: title })).toBeVisible();
    await expectNoSeriousA11yViolations(tenant, testInfo, "portal home with documents");
  });

  await test.step("the tenant opens Documents from the bottom bar, filters by kind and downloads it", async () => {
    await tenant.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Documents" }).click();
    await expect(tenant.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
    const card = tenant.getByRole("article").filter({ has: tenant.getByRole("heading", { name: title }) });
    // The whole list first (what the screen shows offline later), then only that kind.
    await expect(card).toBeVisible();
    await tenant.getByRole("combobox", { name: "Show" }).selectOption({ label: "Condition report at move-in" });
    await expect(card).toBeVisible();
    await expectNoSeriousA11yViolations(tenant, testInfo, "portal documents");
    const [download] = await Promise.all([tenant.waitForEvent("download"), card.getByRole("button", { name: `Download ${title}` }).click()]);
    expect(download.suggestedFilename()).toBe(`${title}.pdf`);
    const path = await download.path();
    expect((await readFile(path)).subarray(0, 5).toString()).toBe("%PDF-");
  });

  await test.step("offline, the Documents screen still lists it (seed 002: offline caching)", async () => {
    await waitForServiceWorkerControl(tenant);
    await expect.poll(() => savedDataMentions(tenant, title), { message: "the documents are saved on the device" }).toBe(true);
    await tenantContext.setOffline(true);
    try {
      await tenant.reload();
      await expect(tenant.getByRole("status").filter({ hasText: "This is the information saved on this device" })).toBeVisible();
      await expect(tenant.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
      await expect(tenant.getByRole("article").filter({ has: tenant.getByRole("heading", { name: title }) })).toBeVisible();
      await expectNoSeriousA11yViolations(tenant, testInfo, "portal documents, offline");
    } finally {
      await tenantContext.setOffline(false);
    }
  });
  await tenantContext.close();
});
