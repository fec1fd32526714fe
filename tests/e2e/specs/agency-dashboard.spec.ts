import type { Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { addDays, agencyToday, StaffApi } from "../support/collections-api";
import { expect, expectNoSeriousA11yViolations, signInToAgency, STAFF, test, uniqueName } from "../support/fixtures";

/**
 * Seed 000's start page: staff land on what needs action today, and each count opens the list it
 * counts, filtered from the address, showing exactly that many rows. The demo agency is shared
 * with other specs, so the counts are read from the page rather than hard-coded; this spec adds
 * an overdue invoice and a credit waiting for approval of its own so that those two are never 0.
 */

const COUNTS = [
  { label: /^(\d+) overdue invoices?$/u, url: /\/agency\/invoices\?overdue=1$/u, heading: "Invoices" },
  { label: /^(\d+) decisions? waiting for approval$/u, url: /\/agency\/approvals\?status=pending$/u, heading: "Approvals" },
  { label: /^(\d+) proofs? of transfer to check$/u, url: /\/agency\/transfer-proofs\?status=submitted$/u, heading: "Transfer proofs" },
  { label: /^(\d+) bank lines? to match$/u, url: /\/agency\/reconciliation\/lines\?status=unmatched$/u, heading: "Review queue" },
  { label: /^(\d+) failed payments?$/u, url: /\/agency\/payments\?status=failed$/u, heading: "Payments" },
  { label: /^(\d+) recurring payments? needing attention$/u, url: /\/agency\/recurring-payments\?attention=1$/u, heading: "Recurring payments" },
] as const;

/** The rows the list shows once every page is loaded. */
async function listedRows(page: Page, expected: number): Promise<void> {
  const main = page.getByRole("main");
  if (expected === 0) {
    await expect(main.locator("p.empty")).toBeVisible();
    await expect(main.locator("table tbody tr")).toHaveCount(0);
    return;
  }
  const loadMore = main.getByRole("button", { name: "Load more" });
  await expect(main.locator("table tbody tr").first()).toBeVisible();
  while (await loadMore.isVisible()) await loadMore.click();
  await expect(main.locator("table tbody tr")).toHaveCount(expected);
}

test.describe.serial("the agency's start page", () => {
  const suffix = randomBytes(3).toString("hex");

  test.beforeAll(async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ ...(baseURL === undefined ? {} : { baseURL }) });
    const api = await StaffApi.signIn(request, STAFF.owner);
    const own = await api.ownLease(uniqueName("E2E Dashboard"), {
      first_name: "Dana",
      last_name: `Dash${suffix}`,
      email: `dana.${suffix}@doorstep.example`,
    });
    const overdue = await api.openInvoice(own.leaseId, addDays(agencyToday(), -10), 80_000, `Repairs ${suffix}`);
    // Above the agency's approval threshold: it waits for a second person.
    await api.post(`/invoices/${overdue.id}/credit-notes`, { amount: 60_000, reason: `Goodwill ${suffix}`, kind: "credit" });
    await request.dispose();
  });

  test("staff land on it, and each count opens its filtered list with that many rows", async ({ page }, testInfo) => {
    await signInToAgency(page, STAFF.owner);

    await expect(page).toHaveURL(/\/agency\/dashboard$/u);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Today");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Today" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { level: 2, name: /^Rent and invoices due in /u })).toBeVisible();
    await expect(page.getByLabel("This month's money")).toContainText("Expected");
    await expectNoSeriousA11yViolations(page, testInfo, "start page");

    for (const count of COUNTS) {
      await test.step(`${count.heading}`, async () => {
        await page.goto("/agency/dashboard");
        const link = page.getByRole("main").getByRole("link", { name: count.label });
        await expect(link).toBeVisible();
        const name = (await link.textContent()) ?? "";
        const shown = Number(count.label.exec(name.replace(/\s+/gu, " ").trim())?.[1]);
        expect(Number.isInteger(shown), name).toBe(true);
        if (count.heading === "Invoices" || count.heading === "Approvals") expect(shown).toBeGreaterThan(0);

        await link.click();
        await expect(page).toHaveURL(count.url);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(count.heading);
        await listedRows(page, shown);
      });
    }
  });

  test("the overdue list can be narrowed to a tenant and totalled", async ({ page }) => {
    await signInToAgency(page, STAFF.owner);
    await page.getByRole("main").getByRole("link", { name: /overdue invoices?$/u }).click();
    await page.getByRole("searchbox", { name: /Tenant/u }).fill(`Dash${suffix}`);

    await expect(page).toHaveURL(new RegExp(`q=Dash${suffix}`, "u"));
    await expect(page.getByRole("main").locator("table tbody tr")).toHaveCount(1);
    await expect(page.getByLabel("Totals of the list")).toContainText("Still due€800.00");
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download as CSV (spreadsheet)" }).click();
    expect((await download).suggestedFilename()).toBe(`invoices-${agencyToday()}.csv`);
  });
});
