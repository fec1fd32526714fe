import { agencyToday, StaffApi } from "../support/collections-api";
import { expect, signInToAgency, STAFF, test, uniqueName } from "../support/fixtures";

/**
 * Issue 11, acceptance 4: staff and tenant read the same instant the same way, on the agency's
 * clock, even from a browser in another time zone (the demo agency is in Brussels; this browser
 * is in New York, where the clock shows another hour and often another day). The page then names
 * the agency's zone.
 */
test.use({ timezoneId: "America/New_York" });

const AGENCY_ZONE_NAME = "Central European Time";

test("a payment link's expiry reads the same for staff and for the tenant, on the agency's clock", async ({ page, request }) => {
  const api = await StaffApi.signIn(request, STAFF.owner);
  const opened = await api.openInvoice(await api.seededLeaseId(), agencyToday(), 4_321, uniqueName("E2E clock check"));
  expect(opened.number, "an open invoice has a number").not.toBeNull();

  await signInToAgency(page, STAFF.owner);
  await page.goto(`/agency/invoices/${opened.id}`);
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`^Invoice ${opened.number ?? 0}\\b`, "u") })).toBeVisible();
  await page.getByRole("button", { name: "Create payment link" }).click();
  const staffLine = page.getByText(/^Works until .+, or until the invoice is paid\.$/u);
  await expect(staffLine).toBeVisible();
  const staffSees = /^Works until (?<when>.+), or until the invoice is paid\.$/u.exec((await staffLine.textContent()) ?? "")?.groups?.when ?? "";
  expect(staffSees).toContain(`(${AGENCY_ZONE_NAME})`);
  const url = await page.getByRole("textbox", { name: "Payment link" }).inputValue();

  await page.goto(new URL(url).pathname);
  await expect(page.getByRole("heading", { level: 1, name: "Pay your invoice" })).toBeVisible();
  await expect(page.getByText(`This link works until ${staffSees}.`, { exact: true })).toBeVisible();
});
