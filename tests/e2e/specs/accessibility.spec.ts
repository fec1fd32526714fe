import type { Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, SEEDED_LEASE, signInToAgency, signInToPortal, STAFF, test } from "../support/fixtures";

/**
 * axe-core on the login pages and the main screens of both apps. Serious and critical violations
 * fail; every screen is scanned even when an earlier one fails (soft assertions). Each screen is
 * scanned once its data is on it, not while it is still loading.
 */
async function openAgencyScreen(page: Page, link: string, ready: () => Promise<void>): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(link);
  await ready();
}

test.describe("accessibility (axe: no serious or critical violations)", () => {
  test("agency SPA: login page", async ({ page }, testInfo) => {
    await page.goto("/agency/login");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, "agency login");

    // With an error shown, too. An unknown address, so no real account collects a failed
    // attempt (five lock an account for a while).
    await page.getByLabel("Email address", { exact: true }).fill("nobody@doorstep.example");
    await page.getByLabel("Password", { exact: true }).fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toHaveText("The email address or password is incorrect.");
    await expectNoSeriousA11yViolations(page, testInfo, "agency login with an error");
  });

  test("agency SPA: main screens", async ({ page }, testInfo) => {
    await signInToAgency(page, STAFF.manager);
    const residence = page.getByRole("link", { name: SEEDED_LEASE.property, exact: true });

    await test.step("properties", async () => {
      await openAgencyScreen(page, "Properties", () => expect(residence).toBeVisible());
      await expectNoSeriousA11yViolations(page, testInfo, "properties list");
      await residence.click();
      await expect(page.getByRole("region", { name: "Add a unit" })).toBeVisible();
      await expect(page.getByRole("link", { name: SEEDED_LEASE.unit, exact: true })).toBeVisible();
      await expectNoSeriousA11yViolations(page, testInfo, "property page");
      await page.getByRole("link", { name: "All properties" }).click();
      await page.getByRole("link", { name: "New property" }).click();
      await expect(page.getByRole("button", { name: "Create property" })).toBeVisible();
      await expectNoSeriousA11yViolations(page, testInfo, "new property form");
    });

    await test.step("units", async () => {
      await openAgencyScreen(page, "Units", () => expect(page.getByRole("link", { name: SEEDED_LEASE.unit, exact: true })).toBeVisible());
      await expectNoSeriousA11yViolations(page, testInfo, "units list");
    });

    await test.step("tenants", async () => {
      await openAgencyScreen(page, "Tenants", () => expect(page.getByRole("link", { name: "Tess Tenant" })).toBeVisible());
      await expectNoSeriousA11yViolations(page, testInfo, "tenants list");
    });

    await test.step("leases", async () => {
      const lease = page.getByRole("link", { name: `${SEEDED_LEASE.unit} · ${SEEDED_LEASE.property}` });
      await openAgencyScreen(page, "Leases", () => expect(lease).toBeVisible());
      await expectNoSeriousA11yViolations(page, testInfo, "leases list");
      await lease.click();
      await expect(page.getByText(/^Status:\s*Active$/u)).toBeVisible();
      await expectNoSeriousA11yViolations(page, testInfo, "lease page");
      await page.getByRole("link", { name: "All leases" }).click();
      await page.getByRole("link", { name: "New lease" }).click();
      await expect(page.getByRole("button", { name: "Create lease" })).toBeVisible();
      await expect(page.getByRole("button", { name: /^Add / }).first()).toBeVisible(); // tenant picker loaded
      await expectNoSeriousA11yViolations(page, testInfo, "new lease form");
    });
  });

  test("agency SPA: money screens", async ({ page }, testInfo) => {
    await signInToAgency(page, STAFF.owner);
    const nav = page.getByRole("navigation", { name: "Main" });
    const heading = page.getByRole("heading", { level: 1 });

    await test.step("invoices", async () => {
      await nav.getByRole("link", { name: "Invoices" }).click();
      await expect(heading).toHaveText("Invoices");
      const first = page.getByRole("table").getByRole("link", { name: /^Invoice \d+$/u }).first();
      await expect(first).toBeVisible();
      await expectNoSeriousA11yViolations(page, testInfo, "invoices list");
      await first.click();
      await expect(page.getByRole("region", { name: "Credit notes and write-offs" })).toBeVisible();
      await expect(page.getByRole("region", { name: "Payments" })).not.toContainText("Loading");
      await expectNoSeriousA11yViolations(page, testInfo, "invoice page");
      await page.goto("/agency/invoices/new");
      await expect(page.getByRole("radio").first()).toBeVisible(); // lease picker loaded
      await expectNoSeriousA11yViolations(page, testInfo, "new invoice form");
    });

    await test.step("payments", async () => {
      await nav.getByRole("link", { name: "Payments", exact: true }).click();
      await expect(heading).toHaveText("Payments");
      const first = page.getByRole("table").getByRole("row").nth(1).getByRole("link");
      await expect(first).toBeVisible();
      await expectNoSeriousA11yViolations(page, testInfo, "payments list");
      await first.click();
      await expect(page.getByRole("region", { name: "Invoices it settled" })).toBeVisible();
      await expectNoSeriousA11yViolations(page, testInfo, "payment page");
      await page.getByRole("link", { name: "All payments" }).click();
      await page.getByRole("link", { name: "Record a payment" }).click();
      await expect(page.getByRole("button", { name: /^Choose / }).first()).toBeVisible(); // tenant picker loaded
      await expectNoSeriousA11yViolations(page, testInfo, "record payment form");
    });

    await test.step("approvals", async () => {
      await nav.getByRole("link", { name: /^Approvals/u }).click();
      await expect(heading).toHaveText("Approvals");
      await page.getByRole("combobox", { name: "Show" }).selectOption({ label: "All decisions" });
      await expect(page.getByRole("table").or(page.getByText("Nothing here."))).toBeVisible();
      await expectNoSeriousA11yViolations(page, testInfo, "approvals inbox");
    });
  });

  test("tenant portal: login page", async ({ page }, testInfo) => {
    await page.goto("/portal/login");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, "portal login");
  });

  test("tenant portal: main screens", async ({ page }, testInfo) => {
    await signInToPortal(page);
    const card = page.getByRole("article", { name: `${SEEDED_LEASE.property}, ${SEEDED_LEASE.unit}` });
    await expect(card).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, "portal home");

    await card.getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(SEEDED_LEASE.property);
    await expectNoSeriousA11yViolations(page, testInfo, "portal lease page");

    await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Profile" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Your details" })).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, "portal profile");

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Payments" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Payments" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Your balance" })).toContainText(SEEDED_LEASE.property);
    await expect(page.getByRole("region", { name: "Invoices" }).getByRole("article").first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, "portal payments");

    await page.getByRole("region", { name: "Invoices" }).getByRole("article").first().getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1, name: /^Invoice \d+$/u })).toBeVisible();
    await expect(page.getByRole("region", { name: "What it is for" })).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, "portal invoice");

    await page.getByRole("link", { name: "Back to payments" }).click();
    await page.getByRole("link", { name: "Payment history" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Payment history" })).toBeVisible();
    await expect(page.getByText(/No payments yet\.|Received on/u).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, "portal payment history");

    await page.getByRole("link", { name: "Back to payments" }).click();
    await page.getByRole("link", { name: "Saved cards" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Saved cards" })).toBeVisible();
    await expect(page.getByText(/No saved cards\.|ending in/u).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, "portal saved cards");

    await page.getByRole("link", { name: "Back to payments" }).click();
    await page.getByRole("link", { name: "My transfer proofs" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "My transfer proofs" })).toBeVisible();
    await expect(page.getByRole("article").or(page.getByText("You have not sent any proof of a bank transfer yet.")).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, "portal my transfer proofs");

    await page.getByRole("link", { name: "Report a bank transfer" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Report a bank transfer" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Send the proof" })).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, "portal report a bank transfer");
  });

  test("tenant portal: payment link page", async ({ page }, testInfo) => {
    await page.goto("/portal/pay/an-unknown-payment-link-token");
    await expect(page.getByRole("heading", { level: 2, name: "Payment link not found" })).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, "portal payment link (unknown)");
  });
});
