import { readFile } from "node:fs/promises";
import type { APIRequestContext, Download, Page } from "@playwright/test";
import { agencyToday, monthBounds, StaffApi } from "../support/collections-api";
import { savedDataMentions, waitForServiceWorkerControl } from "../support/offline";
import { expect, expectNoSeriousA11yViolations, signInToAgency, signInToPortal, STAFF, test, uniqueName } from "../support/fixtures";

/**
 * A tenant pays an invoice by card in the portal, through the real card flow against localstripe
 * (the Stripe stand-in `doorstep run` starts): card set up with Stripe.js' confirmCardSetup and
 * kept because the tenant ticked "Save this card for next time", the charge made by the API, the invoice paid, a receipt to download, the payment in the history. A
 * declined card leaves the invoice open with a clear message. A payment link sent by staff is
 * paid by someone who is not signed in.
 *
 * Each test creates its own invoice through the staff API (other specs share the seeded
 * database and may pay seeded invoices), and finds it by its number. The first one ends in the
 * agency SPA: the money the tenant paid is counted as collected in the collections center.
 */

const CARDS = {
  visa: "4242424242424242",
  declinedAtSave: "4000000000000002",
  declinedAtCharge: "4000000000000341",
  threeDSecure: "4000000000003155",
} as const;

interface CreatedInvoice {
  id: string;
  number: number;
  description: string;
  amount: number;
}

interface StaffActions {
  createInvoice: (amount: number) => Promise<CreatedInvoice>;
  createPaymentLink: (invoiceId: string) => Promise<string>;
  /** What the collections center counts as collected on invoices due this month. */
  collectedThisMonth: () => Promise<number>;
}

/** The owner, through the REST API: an open fee invoice on Tess Tenant's seeded lease, and links. */
async function staffApi(request: APIRequestContext): Promise<StaffActions> {
  const api = await StaffApi.signIn(request, STAFF.owner);
  const leaseId = await api.seededLeaseId();

  return {
    async createInvoice(amount) {
      const description = uniqueName("E2E service charge");
      const opened = await api.openInvoice(leaseId, agencyToday(), amount, description);
      expect(opened.number, "an open invoice has a number").not.toBeNull();
      return { id: opened.id, number: opened.number ?? 0, description, amount };
    },
    async collectedThisMonth() {
      const { first, last } = monthBounds(agencyToday());
      const summary = await api.get<{ totals: { collected: number } }>("/collections/summary", { from: first, to: last });
      return summary.totals.collected;
    },
    async createPaymentLink(invoiceId) {
      const link = await api.post<{ url: string }>(`/invoices/${invoiceId}/payment-links`, undefined, { "Idempotency-Key": crypto.randomUUID() });
      return link.url;
    },
  };
}

/** "€12.34" as en-GB shows it. */
function euros(minor: number): string {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR" }).format(minor / 100);
}

/** Opens the invoice from the Payments area, by its number. */
async function openInvoice(page: Page, invoice: CreatedInvoice): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Payments" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Payments" })).toBeVisible();
  await page.getByRole("link", { name: new RegExp(`^Invoice ${invoice.number}\\b`, "u") }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Invoice ${invoice.number}` })).toBeVisible();
}

/** Types a card into the Stripe.js card element (localstripe's stand-in: plain inputs). */
async function enterCard(page: Page, number: string): Promise<void> {
  const pay = page.getByRole("region", { name: "Pay now" });
  // The form is there once the saved cards are known (a tenant with some chooses between them).
  await expect(pay.getByRole("button", { name: /^Pay / })).toBeVisible();
  const newCard = pay.getByRole("radio", { name: "A new card" });
  if ((await newCard.count()) > 0) await newCard.check();
  const element = pay.locator("[data-card-element]");
  await expect(element.getByPlaceholder("number", { exact: true })).toBeVisible();
  await element.getByPlaceholder("number", { exact: true }).fill(number);
  await element.getByPlaceholder("exp_month", { exact: true }).fill("12");
  await element.getByPlaceholder("exp_year", { exact: true }).fill("34");
  await element.getByPlaceholder("cvc", { exact: true }).fill("123");
  await element.getByPlaceholder("postal_code", { exact: true }).fill("1050");
}

/** The PDF's /Title from its document information, literal or UTF-16BE hex. */
function pdfTitle(bytes: Buffer): string {
  const text = bytes.toString("latin1");
  const literal = /\/Title\s*\(((?:\\.|[^\\)])*)\)/u.exec(text);
  if (literal?.[1] !== undefined) return literal[1].replace(/\\(.)/gu, "$1");
  const hex = /\/Title\s*<([0-9A-Fa-f\s]+)>/u.exec(text);
  if (hex?.[1] === undefined) return "";
  const raw = Buffer.from(hex[1].replace(/\s/gu, ""), "hex");
  if (raw[0] === 0xfe && raw[1] === 0xff) {
    const chars: string[] = [];
    for (let index = 2; index + 1 < raw.length; index += 2) chars.push(String.fromCharCode(raw.readUInt16BE(index)));
    return chars.join("");
  }
  return raw.toString("latin1");
}

async function downloadedBytes(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFile(path);
}

test.describe("a tenant pays by card", () => {
  test("pays an open invoice with a new card, downloads the receipt and finds the payment in the history", async ({ page, request }, testInfo) => {
    const staff = await staffApi(request);
    const invoice = await staff.createInvoice(4_250);
    const collectedBefore = await staff.collectedThisMonth();
    await signInToPortal(page);

    await test.step("the balance names the lease, and the invoice is listed as to pay", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Payments" }).click();
      const balance = page.getByRole("region", { name: "Your balance" });
      await expect(balance).toContainText("Residence Louise, Flat 1A");
      await expect(balance).toContainText(/You owe/u);
      await expect(page.getByRole("button", { name: "To pay", pressed: true })).toBeVisible();
      const card = page.getByRole("article", { name: new RegExp(`^Invoice ${invoice.number}\\b`, "u") });
      await expect(card).toContainText(invoice.description);
      await expect(card).toContainText(euros(invoice.amount));
      await expectNoSeriousA11yViolations(page, testInfo, "portal payments");
    });

    await test.step("the invoice shows what is owed and offers to pay", async () => {
      await openInvoice(page, invoice);
      await expect(page.getByText("To pay", { exact: true }).first()).toBeVisible();
      const pay = page.getByRole("region", { name: "Pay now" });
      await expect(pay).toContainText(`You are paying ${euros(invoice.amount)} for Invoice ${invoice.number} (Residence Louise, Flat 1A).`);
      await expectNoSeriousA11yViolations(page, testInfo, "portal invoice with the card form");
    });

    let receiptNumber = "";
    await test.step("pays with 4242 4242 4242 4242, asking to keep the card, and sees it paid", async () => {
      await enterCard(page, CARDS.visa);
      const keep = page.getByRole("checkbox", { name: "Save this card for next time" });
      await expect(keep).not.toBeChecked();
      await keep.check();
      const submit = page.getByRole("button", { name: `Pay ${euros(invoice.amount)}` });
      await submit.click();
      const result = page.getByRole("region", { name: "Pay now" }).getByRole("status").filter({ hasText: "Payment received" });
      await expect(result).toBeVisible({ timeout: 30_000 });
      await expect(result).toContainText(`${euros(invoice.amount)} has been paid`);
      const match = /Receipt number (\d+)/u.exec((await result.textContent()) ?? "");
      expect(match, "the receipt number is shown").not.toBeNull();
      receiptNumber = match?.[1] ?? "";
      await expect(page.locator(".invoice-detail__subtitle").getByText("Paid", { exact: true })).toBeVisible();
      await expect(page.locator(".invoice-amounts__value")).toHaveText(euros(0));
      await expectNoSeriousA11yViolations(page, testInfo, "portal invoice paid");
    });

    await test.step("downloads the receipt as a PDF", async () => {
      const downloading = page.waitForEvent("download");
      await page.getByRole("region", { name: "Pay now" }).getByRole("button", { name: `Download receipt ${receiptNumber}` }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe(`receipt-${receiptNumber}.pdf`);
      const bytes = await downloadedBytes(download);
      expect(bytes.subarray(0, 4).toString("latin1")).toBe("%PDF");
      expect(pdfTitle(bytes)).toContain(receiptNumber);
    });

    await test.step("the payment is in the history, allocated to the invoice, with its receipt", async () => {
      await page.getByRole("link", { name: "See your payment history" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Payment history" })).toBeVisible();
      const payment = page.getByRole("article").filter({ hasText: `Invoice ${invoice.number}` });
      await expect(payment).toHaveCount(1);
      await expect(payment).toContainText(euros(invoice.amount));
      await expect(payment).toContainText("Card");
      await expect(payment).toContainText("Received");
      await expect(payment).toContainText(`No. ${receiptNumber}`);
      await expectNoSeriousA11yViolations(page, testInfo, "portal payment history");
    });

    await test.step("the card is saved for next time, as asked", async () => {
      await page.getByRole("link", { name: "Back to payments" }).click();
      await page.getByRole("link", { name: "Saved cards" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Saved cards" })).toBeVisible();
      await expect(page.getByText(/ending in 4242/u).first()).toBeVisible();
      await expectNoSeriousA11yViolations(page, testInfo, "portal saved cards");
    });

    await test.step("staff see the money as collected in the collections center", async () => {
      await signInToAgency(page, STAFF.owner);
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Collections" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Collections");
      // This month (the invoice is due today): one worker runs the specs, so nothing else paid
      // anything since the figure was read.
      const totals = page.getByRole("region", { name: "Totals for the period" }).locator("dl");
      await expect(totals).toContainText(`Collected${euros(collectedBefore + invoice.amount)}`);
    });
  });

  test("a card refused when it is saved leaves the invoice open, with a clear message", async ({ page, request }) => {
    const staff = await staffApi(request);
    const invoice = await staff.createInvoice(1_999);
    await signInToPortal(page);
    await openInvoice(page, invoice);

    await enterCard(page, CARDS.declinedAtSave);
    await page.getByRole("button", { name: `Pay ${euros(invoice.amount)}` }).click();
    await expect(page.getByRole("alert")).toContainText("Your card was declined. You have not been charged.", { timeout: 30_000 });
    // Still payable, with the same amount.
    await expect(page.getByRole("button", { name: `Pay ${euros(invoice.amount)}` })).toBeEnabled();
    await expect(page.locator(".invoice-amounts__value")).toHaveText(euros(invoice.amount));

    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: `Invoice ${invoice.number}` })).toBeVisible();
    await expect(page.locator(".invoice-detail__subtitle")).toContainText(/To pay|Overdue/u);
    await expect(page.locator(".invoice-amounts__value")).toHaveText(euros(invoice.amount));
  });

  test("a card refused at the charge leaves the invoice open, and another card then pays it", async ({ page, request }) => {
    const staff = await staffApi(request);
    const invoice = await staff.createInvoice(2_500);
    await signInToPortal(page);
    await openInvoice(page, invoice);

    await enterCard(page, CARDS.declinedAtCharge);
    const submit = page.getByRole("button", { name: `Pay ${euros(invoice.amount)}` });
    await submit.click();
    await expect(page.getByRole("alert")).toContainText("Your card was declined. You have not been charged.", { timeout: 30_000 });
    await expect(page.locator(".invoice-amounts__value")).toHaveText(euros(invoice.amount));

    // A new attempt (a new Idempotency-Key) with a good card goes through.
    await enterCard(page, CARDS.visa);
    await submit.click();
    await expect(page.getByRole("region", { name: "Pay now" }).getByRole("status").filter({ hasText: "Payment received" })).toBeVisible({
      timeout: 30_000,
    });
  });

  test("a card that asks for 3-D Secure is authenticated with the bank, then the invoice shows paid", async ({ page, request }) => {
    const staff = await staffApi(request);
    const invoice = await staff.createInvoice(3_155);
    await signInToPortal(page);
    await openInvoice(page, invoice);

    await enterCard(page, CARDS.threeDSecure);
    await page.getByRole("button", { name: `Pay ${euros(invoice.amount)}` }).click();
    // localstripe's stand-in for the bank's check (Stripe.js shows the bank's page on real Stripe);
    // it may ask when the card is saved, and asks again for the payment.
    const complete = page.getByRole("button", { name: "Complete authentication" });
    const result = page.getByRole("region", { name: "Pay now" }).getByRole("status").filter({ hasText: /Payment received|Payment being confirmed/u });
    await expect(complete.or(result).first()).toBeVisible({ timeout: 30_000 });
    for (let prompts = 0; prompts < 2 && (await complete.isVisible()); prompts += 1) {
      await complete.click();
      await expect(complete.or(result).first()).toBeVisible({ timeout: 30_000 });
    }
    // The payment settles on the server (webhook or the next look); the screen watches the invoice.
    await expect(page.locator(".invoice-detail__subtitle").getByText("Paid", { exact: true })).toBeVisible({ timeout: 45_000 });
    await expect(page.locator(".invoice-amounts__value")).toHaveText(euros(0));
  });
});

test.describe("payment links", () => {
  test("someone who is not signed in pays through a link staff sent", async ({ page, request }, testInfo) => {
    const staff = await staffApi(request);
    const invoice = await staff.createInvoice(7_300);
    const url = await staff.createPaymentLink(invoice.id);
    const token = new URL(url).pathname.split("/").at(-1) ?? "";
    expect(new URL(url).pathname).toBe(`/portal/pay/${token}`);

    await page.goto(`/portal/pay/${token}`);
    await expect(page.getByRole("heading", { level: 1, name: "Pay your invoice" })).toBeVisible();
    const invoiceCard = page.getByRole("region", { name: /^Requested by / });
    await expect(invoiceCard).toContainText(`Invoice ${invoice.number}`);
    await expect(invoiceCard).toContainText(euros(invoice.amount));
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page, testInfo, "payment link");

    await enterCard(page, CARDS.visa);
    await page.getByRole("button", { name: `Pay ${euros(invoice.amount)}` }).click();
    const result = page.getByRole("status").filter({ hasText: "Payment received" });
    await expect(result).toBeVisible({ timeout: 30_000 });
    await expect(result).toContainText(`${euros(invoice.amount)} has been paid`);
    await expect(result).toContainText(/Your receipt number is \d+/u);

    // Opened again, the link says there is nothing left to pay.
    await page.reload();
    await expect(page.getByRole("region", { name: "Nothing to pay" })).toContainText("This invoice is paid.");
  });

  test("an unknown link says so", async ({ page }, testInfo) => {
    await page.goto("/portal/pay/not-a-real-payment-link-token");
    await expect(page.getByRole("heading", { level: 2, name: "Payment link not found" })).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, "unknown payment link");
  });
});

test.describe("money screens offline", () => {
  test("the balance, the invoices and an invoice read offline; paying says it needs a connection", async ({ page, context, request }, testInfo) => {
    const staff = await staffApi(request);
    const invoice = await staff.createInvoice(1_234);
    await signInToPortal(page);
    await openInvoice(page, invoice);
    await expect(page.getByRole("region", { name: "Pay now" }).getByRole("button", { name: `Pay ${euros(invoice.amount)}` })).toBeVisible();
    await waitForServiceWorkerControl(page);
    await expect.poll(() => savedDataMentions(page, invoice.description), { message: "the invoice is saved on the device" }).toBe(true);

    await context.setOffline(true);
    try {
      await page.reload();
      await expect(page.getByRole("status").filter({ hasText: "This is the information saved on this device" })).toBeVisible();
      await expect(page.getByRole("heading", { level: 1, name: `Invoice ${invoice.number}` })).toBeVisible();
      await expect(page.locator(".invoice-amounts__value")).toHaveText(euros(invoice.amount));
      const pay = page.getByRole("region", { name: "Pay now" });
      await expect(pay).toContainText("You are offline. Paying needs an internet connection");
      await expect(pay.getByRole("button")).toHaveCount(0);
      await expectNoSeriousA11yViolations(page, testInfo, "portal invoice, offline");

      await page.getByRole("link", { name: "Back to payments" }).click();
      await expect(page.getByRole("region", { name: "Your balance" })).toContainText("Residence Louise, Flat 1A");
      await expect(page.getByRole("article", { name: new RegExp(`^Invoice ${invoice.number}\\b`, "u") })).toBeVisible();
    } finally {
      await context.setOffline(false);
    }
  });
});
