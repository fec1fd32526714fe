import { expect, signInToAgency, signInToPortal, STAFF, test, SEEDED_LEASE } from "../support/fixtures";

/**
 * A tenant sets up recurring payment for the seeded lease in the portal, through the real card
 * flow against localstripe (a card saved with Stripe.js' confirmCardSetup for off-session use),
 * after reading and accepting the authorisation text; the portal then shows it running with its
 * upcoming charges and reminders, and staff find it in the agency app's overview and detail.
 * Serial: the second test reads what the first set up (one set-up per lease).
 */
test.describe.configure({ mode: "serial" });

test.describe("recurring payment", () => {
  test("the tenant sets it up by card and sees it running with its upcoming charges", async ({ page }) => {
    await signInToPortal(page);
    // The lease card's link (the next-rent card links to the invoice with the same words).
    await page.locator('a[href*="/leases/"]').filter({ hasText: SEEDED_LEASE.property }).first().click();
    await page.getByRole("link", { name: "Recurring payment" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Recurring payment" })).toBeVisible();

    const form = page.getByRole("form", { name: "Pay your rent automatically" });
    await expect(form).toContainText("Invoices issued before that stay for you to pay by hand.");
    await expect(form.locator("blockquote.authorisation-text")).not.toBeEmpty();
    const element = form.locator("[data-card-element]");
    await expect(element.getByPlaceholder("number", { exact: true })).toBeVisible();
    await element.getByPlaceholder("number", { exact: true }).fill("4242424242424242");
    await element.getByPlaceholder("exp_month", { exact: true }).fill("12");
    await element.getByPlaceholder("exp_year", { exact: true }).fill("34");
    await element.getByPlaceholder("cvc", { exact: true }).fill("123");
    await element.getByPlaceholder("postal_code", { exact: true }).fill("1050");
    const submit = form.getByRole("button", { name: "Set up recurring payment" });
    await expect(submit).toBeDisabled();
    await form.getByRole("checkbox", { name: "I have read and accept this authorisation." }).check();
    await submit.click();

    const active = page.getByRole("region", { name: "Recurring payment is on" });
    await expect(active).toBeVisible();
    await expect(active).toContainText(/4242/u);
    await expect(active).toContainText("older ones stay for you to pay by hand");
    await expect(page.getByRole("region", { name: "Upcoming charges" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Reminders" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Change card" })).toBeVisible();
  });

  test("staff see it in the overview and its detail", async ({ page }) => {
    await signInToAgency(page, STAFF.owner);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Recurring payments" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Recurring payments" })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: `${SEEDED_LEASE.property}, ${SEEDED_LEASE.unit}` });
    await expect(row).toContainText("Active");
    await expect(row).toContainText(/4242/u);
    await row.getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1, name: /^Recurring payment of / })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Charge history" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Cancel recurring payment" })).toBeVisible();
  });
});
