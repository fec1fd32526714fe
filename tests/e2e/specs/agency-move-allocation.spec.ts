import type { Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, SEEDED_LEASE, signInToAgency, STAFF, test, uniqueName } from "../support/fixtures";

/**
 * Issue 11, "staff can still move an allocation by hand", against the real API: a transfer that
 * settled the wrong invoice of the demo lease is moved, in part, to the right one from the
 * payment's page; the form refuses more than the payment settled there, in a sentence; both
 * invoices' states and histories follow, and the receipt keeps its number. Everything it creates
 * carries a random suffix.
 */

const LEASE_LINK = `${SEEDED_LEASE.unit} · ${SEEDED_LEASE.property}`;

function dayFromToday(days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels" }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Invoices a fee on the demo lease; its page's address and number. */
async function invoiceAFee(page: Page, description: string, amount: string): Promise<{ url: string; number: string }> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Leases" }).click();
  await page.getByRole("link", { name: LEASE_LINK }).click();
  await page.getByRole("region", { name: "Balance" }).getByRole("link", { name: "New invoice" }).click();
  await page.getByRole("combobox", { name: "Kind" }).selectOption({ label: "Fee" });
  await page.getByLabel("Due date").fill(dayFromToday(20));
  await page.getByRole("textbox", { name: "Line 1: description" }).fill(description);
  await page.getByRole("textbox", { name: "Line 1: amount (EUR)" }).fill(amount);
  await page.getByRole("button", { name: "Create invoice" }).click();
  await expect(page.getByText("Invoice created and open.")).toBeVisible();
  const heading = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
  const number = /^Invoice (\d+)/u.exec(heading)?.[1];
  expect(number).toBeDefined();
  return { url: page.url(), number: number ?? "" };
}

test("staff move part of a transfer from one invoice to another and both invoices follow", async ({ page }, testInfo) => {
  const reason = uniqueName("Paid for the parking, not the keys");
  const reference = uniqueName("E2E MOVE").toUpperCase();
  await signInToAgency(page, STAFF.owner);

  const keys = await invoiceAFee(page, uniqueName("Keys"), "40");
  const parking = await invoiceAFee(page, uniqueName("Parking"), "30");

  await test.step("a €40.00 transfer is recorded against the keys invoice", async () => {
    await page.goto(keys.url);
    await page.getByRole("link", { name: "Record a payment" }).click();
    const leaseGroup = page.getByRole("group", { name: "Which lease the payment is for" });
    const confirm = leaseGroup.getByRole("checkbox", { name: `I have checked that this payment is for ${LEASE_LINK}` });
    if ((await confirm.count()) > 0) await confirm.check();
    await page.getByRole("textbox", { name: "Amount received (EUR)" }).fill("40");
    await page.getByRole("textbox", { name: "Bank reference" }).fill(reference);
    await page.getByRole("button", { name: "Record payment" }).click();
    await expect(page.getByText("Payment recorded and receipted.", { exact: false })).toBeVisible();
  });
  const receipt = page.getByRole("button", { name: /^Download receipt \d+ \(PDF\)$/u });
  const receiptLabel = await receipt.textContent();

  await test.step("moving more than the payment settled there is refused in a sentence", async () => {
    await page.getByRole("button", { name: "Move allocation" }).click();
    const panel = page.getByRole("region", { name: "Move money to another invoice" });
    await panel.getByRole("combobox", { name: "Move from" }).selectOption({ label: `Invoice ${keys.number} — €40.00 from this payment` });
    await panel.getByRole("combobox", { name: "Move to" }).selectOption({ label: `Invoice ${parking.number} — still asks for €30.00` });
    await panel.getByRole("textbox", { name: "Amount to move (EUR)" }).fill("45");
    await panel.getByRole("textbox", { name: "Reason" }).fill(reason);
    await panel.getByRole("button", { name: "Move", exact: true }).click();
    await expect(panel.getByText(`This payment settles only €40.00 on Invoice ${keys.number}: enter that much or less.`)).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, "move allocation form");
  });

  await test.step("€30.00 moves to the parking invoice, with who and why in the history", async () => {
    const panel = page.getByRole("region", { name: "Move money to another invoice" });
    await panel.getByRole("textbox", { name: "Amount to move (EUR)" }).fill("30");
    await panel.getByRole("button", { name: "Move", exact: true }).click();
    await expect(page.getByText("Allocation moved.", { exact: false })).toBeVisible();
    const allocations = page.getByRole("region", { name: "Invoices it settled" });
    await expect(allocations).toContainText(`Moved here by Olivia Owner: ${reason}`);
    await expect(allocations).toContainText(`Moved away by Olivia Owner: ${reason}`);
    await expect(receipt).toHaveText(receiptLabel ?? "");
  });

  await test.step("the parking invoice is paid and the keys invoice partly paid", async () => {
    await page.goto(parking.url);
    await expect(page.getByText(/^Status:/u)).toContainText("Paid");
    await expect(page.getByRole("region", { name: "Payments" })).toContainText(`€30.00 moved here by Olivia Owner: ${reason}`);
    await page.goto(keys.url);
    await expect(page.getByText(/^Status:/u)).toContainText("Partly paid");
    await expect(page.getByRole("region", { name: "Summary" })).toContainText("Outstanding€30.00");
  });
});
