import { describe, expect, it } from "vitest";
import { i18n } from "@/lib/i18n/i18n";
import { balance, invoice, savedCard } from "@/testing/payment-fixtures";
import {
  balanceHeadline,
  cardLabel,
  invoiceAmountLine,
  invoiceDescription,
  invoiceDueLine,
  invoiceStatus,
  invoiceTitle,
  isPayable,
  oldestOpenInvoice,
  payErrorMessage,
  payInvoiceLabel,
  pendingLine,
} from "./wording";
import { stripeError } from "./pay-flow";

const t = i18n.getFixedT("en");
const locale = "en-BE";

describe("invoice wording", () => {
  it("names the invoice by number and says what it is for", () => {
    expect(invoiceTitle(invoice(), t)).toBe("Invoice 42");
    expect(invoiceTitle(invoice({ number: null }), t)).toBe("Invoice");
    expect(invoiceDescription(invoice(), t)).toBe("Rent December 2026");
    const twoLines = invoice({ kind: "fee", lines: [{ description: "Keys", amount: 2000 }, { description: "Badge", amount: 1500 }] });
    expect(invoiceDescription(twoLines, t)).toBe("Fee");
  });

  it.each([
    [{ state: "open", overdue: false }, "To pay", "warning"],
    [{ state: "open", overdue: true }, "Overdue", "danger"],
    [{ state: "partially_paid", overdue: false }, "Partly paid", "warning"],
    [{ state: "partially_paid", overdue: true }, "Partly paid · Overdue", "danger"],
    [{ state: "paid", overdue: true }, "Paid", "success"],
    [{ state: "void", overdue: false }, "Cancelled", "neutral"],
  ] as const)("%o is %s", (fields, label, tone) => {
    expect(invoiceStatus(fields, t)).toEqual({ label, tone });
  });

  it("says when it is due, or was", () => {
    expect(invoiceDueLine(invoice(), t, locale)).toBe("Due on 1 December 2026");
    expect(invoiceDueLine(invoice({ overdue: true }), t, locale)).toBe("Was due on 1 December 2026");
    expect(invoiceDueLine(invoice({ state: "paid" }), t, locale)).toBe("Paid in full");
  });

  it("says what is left to pay, in cents exactly", () => {
    expect(invoiceAmountLine(invoice(), t, locale)).toBe("€950.00 to pay");
    const partly = invoice({ state: "partially_paid", paid: 50001, outstanding: 44999 });
    expect(invoiceAmountLine(partly, t, locale)).toBe("€449.99 of €950.00 left to pay");
    const credited = invoice({ credited: 10000, outstanding: 85000 });
    expect(invoiceAmountLine(credited, t, locale)).toBe("€850.00 of €950.00 left to pay");
    expect(invoiceAmountLine(invoice({ state: "paid", outstanding: 0, paid: 95000 }), t, locale)).toBe("€950.00");
  });

  it("is payable while open or partly paid with money outstanding", () => {
    expect(isPayable(invoice())).toBe(true);
    expect(isPayable(invoice({ state: "partially_paid", outstanding: 1 }))).toBe(true);
    expect(isPayable(invoice({ state: "paid", outstanding: 0 }))).toBe(false);
    expect(isPayable(invoice({ state: "void" }))).toBe(false);
  });

  it("picks the oldest open invoice of a lease to pay first", () => {
    const december = invoice();
    const november = invoice({ id: "nov", due_date: "2026-11-01" });
    const otherLease = invoice({ id: "other", lease_id: "elsewhere", due_date: "2026-10-01" });
    expect(oldestOpenInvoice([december, november, otherLease], december.lease_id)?.id).toBe("nov");
    expect(oldestOpenInvoice([otherLease], december.lease_id)).toBeUndefined();
  });
});

describe("balance wording", () => {
  it("says what is owed, what is held in credit, or that nothing is due", () => {
    expect(balanceHeadline(balance(), t, locale)).toBe("You owe €950.00");
    expect(balanceHeadline(balance({ outstanding: 0, credit: 5000, balance: -5000 }), t, locale)).toBe("In credit: €50.00");
    expect(balanceHeadline(balance({ outstanding: 0, balance: 0 }), t, locale)).toBe("Nothing to pay");
  });

  it("does not count a reported transfer in what is owed: it is pending", () => {
    // Issue 11: €165.00 open, €120.00 reported by transfer and not confirmed yet.
    const reported = balance({ outstanding: 16500, balance: 16500, pending: 12000 });
    expect(balanceHeadline(reported, t, locale)).toBe("You owe €45.00");
    expect(pendingLine(reported, t, locale)).toBe(
      "€120.00 pending: you reported it paid by bank transfer; your agency has not confirmed it yet.",
    );
    const covered = balance({ outstanding: 12000, balance: 12000, pending: 12000 });
    expect(balanceHeadline(covered, t, locale)).toBe("Nothing more to pay: your transfer is being confirmed");
    expect(pendingLine(balance(), t, locale)).toBeNull();
  });

  it("says what a pay button opens", () => {
    expect(payInvoiceLabel(invoice({ number: 43, outstanding: 4500 }), t, locale)).toBe("Pay invoice 43 (€45.00)");
    expect(payInvoiceLabel(invoice({ number: 43, outstanding: 4500 }), i18n.getFixedT("nl"), "nl-BE")).toBe("Factuur 43 betalen (€\u00a045,00)");
  });

  it("follows the language", () => {
    expect(balanceHeadline(balance(), i18n.getFixedT("fr"), "fr-BE")).toBe("Vous devez 950,00\u00a0€");
    expect(balanceHeadline(balance(), i18n.getFixedT("nl"), "nl-BE")).toBe("U bent €\u00a0950,00 verschuldigd");
  });
});

describe("card and error wording", () => {
  it("describes a saved card", () => {
    expect(cardLabel(savedCard({ exp_month: 3 }), t)).toBe("Visa ending in 4242, expires 03/2030");
  });

  it("keeps Stripe's words about a card, and says nothing was charged", () => {
    // The card processor's own text is never shown: each reason has a sentence of ours.
    expect(payErrorMessage({ kind: "card", reason: "incorrect-number" }, t)).toBe(
      "The card number is not right. You have not been charged. Check the number on your card and try again.",
    );
    expect(payErrorMessage({ kind: "declined", reason: "insufficient-funds" }, t)).toMatch(/^The card does not have enough funds/u);
    expect(payErrorMessage({ kind: "declined" }, t)).toBe(
      "Your card was declined. You have not been charged. Try another card, or ask your bank why it refused the payment.",
    );
    expect(payErrorMessage({ kind: "card", formProblem: "card-empty" }, t)).toBe("Enter your card number, expiry date and security code (CVC) first.");
    expect(payErrorMessage({ kind: "gateway", reason: "rate-limited" }, t)).toMatch(/^Too many payment attempts/u);
    // What Stripe.js (or its local stand-in) said is never shown, only our sentence for its codes.
    const raw = payErrorMessage(stripeError({ message: "Cannot read properties of undefined (reading 'card')" }, "card"), t);
    expect(raw).not.toMatch(/Cannot read|undefined/u);
    expect(raw).toMatch(/^The payment did not go through and the card processor did not say why/u);
    const coded = stripeError({ type: "card_error", code: "card_declined", decline_code: "insufficient_funds", message: "Bad request" }, "card");
    expect(coded).toEqual({ kind: "declined", reason: "insufficient-funds" });
    expect(payErrorMessage(coded, i18n.getFixedT("fr"))).toMatch(/^Le solde ou le crédit de la carte ne suffit pas/u);
    expect(payErrorMessage({ kind: "outcome-unknown" }, t)).toMatch(/^We did not get the result of your payment/u);
  });
});
