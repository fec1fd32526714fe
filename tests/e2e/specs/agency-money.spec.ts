import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, SEEDED_LEASE, signInToAgency, STAFF, switchUser, test, uniqueName } from "../support/fixtures";

/**
 * Money in the agency SPA, against the real API: invoice the demo tenant's lease, record the
 * bank transfer that pays it, see it paid and download the receipt; a credit above the approval
 * threshold waits in the approvals inbox until an accountant (not the manager who asked)
 * approves it. Everything it creates carries a random suffix; it does not rely on what other
 * specs did before it (the demo tenant may have more than one lease by then).
 */

const LEASE_LINK = `${SEEDED_LEASE.unit} · ${SEEDED_LEASE.property}`;

/** A date `days` from today in the agency's time zone, as a date input takes it. */
function dayFromToday(days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels" }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** From the demo tenant's lease page, creates an invoice with one line and returns its page's address. */
async function invoiceTheDemoLease(page: Page, kind: string, description: string, amount: string): Promise<string> {
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Leases" }).click();
  await page.getByRole("link", { name: LEASE_LINK }).click();
  const balance = page.getByRole("region", { name: "Balance" });
  await expect(balance).toContainText("Outstanding");
  await balance.getByRole("link", { name: "New invoice" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New invoice");
  await expect(page.getByRole("group", { name: "Lease" })).toContainText(LEASE_LINK);
  await page.getByRole("combobox", { name: "Kind" }).selectOption({ label: kind });
  await page.getByLabel("Due date").fill(dayFromToday(14));
  await page.getByRole("textbox", { name: "Line 1: description" }).fill(description);
  await page.getByRole("textbox", { name: "Line 1: amount (EUR)" }).fill(amount);
  await page.getByRole("button", { name: "Create invoice" }).click();
  await expect(page.getByText("Invoice created and open.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Invoice \d+ /u);
  return page.url();
}

/** The invoice page's summary, with its amounts as shown (the API derives them). */
function amounts(page: Page) {
  return page.getByRole("region", { name: "Summary" });
}

test("staff invoice the demo lease, record a bank transfer against it, see it paid and get the receipt", async ({ page }, testInfo) => {
  const description = uniqueName("Replacement key");
  const reference = uniqueName("E2E TRANSFER").toUpperCase();
  await signInToAgency(page, STAFF.owner);

  const invoiceUrl = await test.step("an owner invoices a fee on the demo tenant's lease", async () => {
    const url = await invoiceTheDemoLease(page, "Fee", description, "85.50");
    await expect(page.getByText(/^Status:/u)).toContainText("Open");
    await expect(amounts(page)).toContainText("Outstanding€85.50");
    await expect(page.getByRole("region", { name: "Lines" })).toContainText(description);
    await expectNoSeriousA11yViolations(page, testInfo, "invoice page");
    return url;
  });

  await test.step("records the bank transfer from the invoice: it settles that invoice first", async () => {
    await page.getByRole("link", { name: "Record a payment" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Record a payment");
    const leaseGroup = page.getByRole("group", { name: "Which lease the payment is for" });
    const lease = leaseGroup.getByRole("radio", { name: new RegExp(`^${LEASE_LINK}`, "u") });
    await expect(lease).toBeChecked();
    // Seed 000: when the tenant is on several leases (other specs may have added one), the form
    // makes staff confirm which one this payment is for.
    const confirm = leaseGroup.getByRole("checkbox", { name: `I have checked that this payment is for ${LEASE_LINK}` });
    if ((await confirm.count()) > 0) await confirm.check();
    await page.getByRole("textbox", { name: "Amount received (EUR)" }).fill("85.50");
    await expect(page.getByRole("radio", { name: "Bank transfer" })).toBeChecked();
    await page.getByRole("textbox", { name: "Bank reference" }).fill(reference);
    const allocation = page.getByRole("group", { name: "Invoices it settles" });
    await expect(allocation.getByText(/Allocated €85\.50 of €85\.50; €0\.00 left as credit/u)).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, "record payment form");
    await page.getByRole("button", { name: "Record payment" }).click();
    await expect(page.getByText("Payment recorded and receipted.", { exact: false })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("€85.50 from Tess Tenant");
    const summary = page.getByRole("region", { name: "Summary" });
    await expect(summary).toContainText(reference);
    await expect(summary).toContainText("Bank transfer");
    await expect(summary).toContainText("Olivia Owner");
    await expectNoSeriousA11yViolations(page, testInfo, "payment page");
  });

  await test.step("downloads the receipt PDF", async () => {
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: /^Download receipt \d+ \(PDF\)$/u }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.pdf$/u);
    const file = await readFile(await download.path());
    expect(file.subarray(0, 4).toString("latin1")).toBe("%PDF");
  });

  await test.step("the invoice is paid", async () => {
    await page.goto(invoiceUrl);
    await expect(page.getByText(/^Status:/u)).toContainText("Paid");
    await expect(amounts(page)).toContainText("Paid€85.50");
    await expect(amounts(page)).toContainText("Outstanding€0.00");
    await expect(page.getByRole("region", { name: "Payments" })).toContainText(reference);
    await expect(page.getByRole("link", { name: "Record a payment" })).toHaveCount(0);
  });
});

test("a credit above the threshold waits in the approvals inbox until an accountant approves it", async ({ page }, testInfo) => {
  const reason = uniqueName("Boiler out for a week");
  await signInToAgency(page, STAFF.manager);

  const invoiceUrl = await test.step("a manager invoices a deposit of €750.00 and credits €600.00 of it", async () => {
    const url = await invoiceTheDemoLease(page, "Deposit", uniqueName("Deposit top-up"), "750");
    await page.getByRole("button", { name: "Credit note or write-off" }).click();
    const panel = page.getByRole("region", { name: /^Credit note or write-off on Invoice \d+$/u });
    await expect(panel.getByText("Above €500.00, it waits for an accountant or owner other than you to approve it")).toBeVisible();
    await panel.getByRole("textbox", { name: "Amount (EUR)" }).fill("600");
    await panel.getByRole("textbox", { name: "Reason" }).fill(reason);
    await expectNoSeriousA11yViolations(page, testInfo, "credit note form");
    await panel.getByRole("button", { name: "Issue credit note" }).click();
    await expect(page.getByText("Credit note of €600.00 waits for approval by an accountant or owner")).toBeVisible();
    const credits = page.getByRole("region", { name: "Credit notes and write-offs" });
    await expect(credits.getByRole("row").filter({ hasText: reason })).toContainText("Pending approval");
    await expect(amounts(page)).toContainText("Outstanding€750.00");
    return url;
  });

  await test.step("the manager sees it waiting but cannot decide it", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Approvals/u }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Approvals");
    const row = page.getByRole("row").filter({ hasText: reason });
    await expect(row).toContainText("Marc Manager");
    await expect(row).toContainText("€600.00");
    await expect(row).toContainText("An accountant or owner decides.");
    await expect(row.getByRole("button")).toHaveCount(0);
  });

  await test.step("an accountant approves it from the inbox", async () => {
    await switchUser(page, STAFF.accountant);
    const approvals = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Approvals/u });
    await expect(approvals).toContainText(/\d/u); // the badge: something waits for them
    await approvals.click();
    const row = page.getByRole("row").filter({ hasText: reason });
    await expect(row).toContainText("Pending");
    await expectNoSeriousA11yViolations(page, testInfo, "approvals inbox");
    await row.getByRole("button", { name: "Approve" }).click();
    const dialog = page.getByRole("dialog", { name: "Approve this credit of €600.00?" });
    await expect(dialog).toContainText("Asked for by Marc Manager.");
    await dialog.getByRole("textbox", { name: "Note (optional)" }).fill("Agreed with the landlord");
    await dialog.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByText("Approved: €600.00. It is carried out now.")).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: reason })).toHaveCount(0);

    await page.getByRole("combobox", { name: "Show" }).selectOption({ label: "Approved" });
    const decided = page.getByRole("row").filter({ hasText: reason });
    await expect(decided).toContainText("By Anna Accountant");
    await expect(decided).toContainText("Agreed with the landlord");
  });

  await test.step("the decided approval opens its invoice, whose outstanding amount drops by the credit", async () => {
    await page.getByRole("row").filter({ hasText: reason }).getByRole("link", { name: "Open the invoice" }).click();
    await expect(page).toHaveURL(invoiceUrl);
    await expect(amounts(page)).toContainText("Credited or written off€600.00");
    await expect(amounts(page)).toContainText("Outstanding€150.00");
    const credits = page.getByRole("region", { name: "Credit notes and write-offs" });
    await expect(credits.getByRole("row").filter({ hasText: reason })).toContainText("Applied");
  });
});

test("a viewer reads invoices, payments and approvals but is offered no money action", async ({ page }) => {
  await signInToAgency(page, STAFF.viewer);
  const nav = page.getByRole("navigation", { name: "Main" });
  const heading = page.getByRole("heading", { level: 1 });
  await expect(page.getByRole("definition").filter({ hasText: /^Viewer$/u })).toBeVisible();

  await test.step("invoices: listed, no “New invoice”, no invoice actions", async () => {
    await nav.getByRole("link", { name: "Invoices" }).click();
    await expect(heading).toHaveText("Invoices");
    const first = page.getByRole("table").getByRole("link", { name: /^Invoice \d+$/u }).first();
    await expect(first).toBeVisible();
    await expect(page.getByRole("link", { name: "New invoice" })).toHaveCount(0);
    await first.click();
    await expect(heading).toHaveText(/^Invoice \d+ /u);
    await expect(page.getByRole("region", { name: "Lines" })).toBeVisible();
    await expect(page.getByRole("group", { name: "Invoice actions" })).toHaveCount(0);
    for (const action of ["Approve invoice", "Credit note or write-off", "Void invoice", "Create payment link"]) {
      await expect(page.getByRole("button", { name: action })).toHaveCount(0);
    }
    await expect(page.getByRole("link", { name: "Record a payment" })).toHaveCount(0);
  });

  await test.step("payments: listed, no “Record a payment”, the receipt but no refund or allocation", async () => {
    await nav.getByRole("link", { name: "Payments", exact: true }).click();
    await expect(heading).toHaveText("Payments");
    const first = page.getByRole("table").getByRole("row").nth(1).getByRole("link");
    await expect(first).toBeVisible();
    await expect(page.getByRole("link", { name: "Record a payment" })).toHaveCount(0);
    await first.click();
    await expect(page.getByRole("region", { name: "Summary" })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Download receipt/u })).toBeVisible();
    await expect(page.getByRole("button", { name: "Refund" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Allocate credit" })).toHaveCount(0);
  });

  await test.step("approvals: shown, never with a decision to make", async () => {
    await nav.getByRole("link", { name: /^Approvals/u }).click();
    await expect(heading).toHaveText("Approvals");
    await page.getByRole("combobox", { name: "Show" }).selectOption({ label: "All decisions" });
    await expect(page.getByRole("table").or(page.getByText("Nothing here."))).toBeVisible();
    await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Reject" })).toHaveCount(0);
  });

  await test.step("a lease shows its balance, without money actions", async () => {
    await nav.getByRole("link", { name: "Leases" }).click();
    await page.getByRole("link", { name: LEASE_LINK }).click();
    const balance = page.getByRole("region", { name: "Balance" });
    await expect(balance).toContainText("Outstanding");
    await expect(balance.getByRole("link", { name: "Invoices of this lease" })).toBeVisible();
    await expect(balance.getByRole("link", { name: "Record a payment" })).toHaveCount(0);
    await expect(balance.getByRole("link", { name: "New invoice" })).toHaveCount(0);
  });

  await test.step("typing a form's address shows a refusal, not a form", async () => {
    for (const [path, title] of [
      ["/agency/invoices/new", "New invoice"],
      ["/agency/payments/new", "Record a payment"],
    ] as const) {
      await page.goto(path);
      await expect(heading).toHaveText(title);
      await expect(page.getByRole("alert")).toHaveText("You do not have permission to do this.");
      await expect(page.getByRole("button", { name: /^(Create invoice|Record payment)$/u })).toHaveCount(0);
    }
  });
});
