import { randomUUID } from "node:crypto";
import { StaffApi } from "../support/collections-api";
import { expect, expectNoSeriousA11yViolations, signInToAgency, signInToPortal, STAFF, test, uniqueName } from "../support/fixtures";

/**
 * Seed 002, automatic routing: a manager routes electrical incidents to an electrician (added
 * through the API) from the contractors page; the demo tenant reports an electrical problem from
 * the portal and it is assigned at once; the manager finds it in the queue assigned to that
 * electrician, the history saying the routing took the steps and the work order on its way.
 * Electrical because no other spec reports in that category; the route is cleared at the end, so
 * the specs that follow (and a repeated run) find every category left to staff.
 */

test("staff route a category to a contractor and a tenant's report of it arrives assigned to them", async ({ page, browser, request }, testInfo) => {
  const title = uniqueName("Socket sparks");
  const owner = await StaffApi.signIn(request, STAFF.owner);
  const contractorName = uniqueName("Volt Électricité");
  const contractorEmail = `jobs-${randomUUID().slice(0, 8)}@volt.example`;
  await owner.post("/contractors", { name: contractorName, categories: ["electrical"], email: contractorEmail });

  try {
    await signInToAgency(page, STAFF.manager);
    await test.step("the manager routes electrical incidents to the electrician", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Incidents" })).toBeVisible();
      await page.getByRole("link", { name: "Contractors" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Contractors" })).toBeVisible();
      await expect(page.getByRole("rowheader", { name: contractorName })).toBeVisible();
      const routing = page.getByRole("region", { name: "Routing" });
      const electrical = routing.getByRole("combobox", { name: "Electrical" });
      await expect(electrical.getByRole("option", { name: contractorName })).toBeAttached();
      await electrical.selectOption({ label: contractorName });
      await expect(routing.getByText(`Saved: new Electrical reports go to ${contractorName}.`)).toBeVisible();
      await expectNoSeriousA11yViolations(page, testInfo, "agency contractors with routing");
      // Read again from the server, the route holds.
      await page.reload();
      await expect(page.getByRole("region", { name: "Routing" }).getByRole("combobox", { name: "Electrical" })).toHaveValue(/.+/u);
      await expect(page.getByRole("region", { name: "Routing" }).getByRole("combobox", { name: "Electrical" }).locator("option:checked")).toHaveText(contractorName);
    });

    const tenantContext = await browser.newContext();
    const tenant = await tenantContext.newPage();
    await test.step("the tenant reports an electrical problem and sees a contractor assigned", async () => {
      await signInToPortal(tenant);
      await tenant.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
      await expect(tenant.getByRole("heading", { level: 1, name: "Incidents" })).toBeVisible();
      await tenant.getByRole("link", { name: "Report a problem" }).click();
      await expect(tenant.getByRole("heading", { level: 1, name: "Report a problem" })).toBeVisible();
      const home = tenant.getByRole("combobox", { name: "Which home?" });
      if (await home.isVisible()) await home.selectOption({ label: "Residence Louise, Flat 1A" });
      await tenant.getByRole("combobox", { name: "Kind of problem" }).selectOption({ label: "Electrical" });
      await tenant.getByRole("textbox", { name: "In a few words" }).fill(title);
      await tenant.getByRole("textbox", { name: "What is happening" }).fill("The living-room socket sparks when a plug goes in.");
      await tenant.getByRole("button", { name: "Send the report" }).click();
      await expect(tenant.getByRole("heading", { level: 1, name: title })).toBeVisible();
      await expect(tenant.getByText(`Contractor: ${contractorName}`)).toBeVisible();
      await expect(tenant.getByRole("listitem").filter({ hasText: "Contractor assigned" }).first()).toBeVisible();
    });
    await tenantContext.close();

    await test.step("the manager finds it in the queue assigned to the electrician by the routing", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Incidents" })).toBeVisible();
      // The first page of the queue is in before the search replaces it.
      await expect(page.getByRole("table", { name: "Incidents" }).or(page.getByText("No incident matches these filters."))).toBeVisible();
      await page.getByRole("searchbox", { name: "Search" }).fill(title);
      await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(title);
      const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: new RegExp(`^${title}`, "u") }) });
      await expect(row.getByRole("cell", { name: "Assigned" })).toBeVisible();
      await row.getByRole("link", { name: new RegExp(`^${title}`, "u") }).click();
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      await expect(page.getByText(`${contractorName} · ${contractorEmail}`)).toBeVisible();
      await expect(page.getByRole("button", { name: "Schedule the visit" })).toBeVisible();
      const history = page.getByRole("list").filter({ has: page.getByRole("listitem").filter({ hasText: "Routed automatically" }) });
      await expect(history.getByRole("listitem")).toHaveCount(3);
      await expect(history.getByRole("listitem").filter({ hasText: "Routed automatically" })).toHaveCount(2);
      const sentTo = new RegExp(`^(Being sent to|Work order sent to) ${contractorEmail.replaceAll(".", "\\.")}`, "u");
      await expect(page.getByRole("region", { name: "Work order" }).getByRole("status")).toHaveText(sentTo);
      await expectNoSeriousA11yViolations(page, testInfo, "agency incident routed automatically");
    });
  } finally {
    await owner.put("/incident-routes", { category: "electrical", contractor_id: null });
  }
});
