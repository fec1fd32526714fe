import type { TFunction } from "i18next";
import { formatDate } from "@doorstep/web-shared/lib/format/date";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import type { LeaseBalance } from "../api/get-my-balance";
import type { SavedCard } from "../api/get-my-cards";
import type { Invoice } from "../api/get-my-invoice";
import type { TransferProofStatus } from "../api/get-my-transfer-proof";
import { cardErrorMessage } from "@/lib/cards/card-errors";
import type { PayError } from "./pay-flow";

/** "Invoice 42"; an invoice without a number yet (never shown to tenants, but be safe): "Invoice". */
export function invoiceTitle(invoice: Pick<Invoice, "number">, t: TFunction): string {
  return invoice.number === null ? t("payments.invoice.titleNoNumber") : t("payments.invoice.title", { number: invoice.number });
}

/** What the invoice is for, in one line: its single line's description, else its kind. */
export function invoiceDescription(invoice: Pick<Invoice, "lines" | "kind">, t: TFunction): string {
  const [first, ...others] = invoice.lines;
  if (first !== undefined && others.length === 0) return first.description;
  return t(`payments.invoice.kind.${invoice.kind}`);
}

export type StatusTone = "danger" | "warning" | "success" | "neutral" | "info";

export interface InvoiceStatusWording {
  label: string;
  tone: StatusTone;
}

/**
 * The badge of an invoice: its state, with "Overdue" taking over for an open or partly paid
 * invoice past its due date (the API says whether it is: the due date in the agency's zone).
 */
export function invoiceStatus(invoice: Pick<Invoice, "state" | "overdue">, t: TFunction): InvoiceStatusWording {
  const unpaid = invoice.state === "open" || invoice.state === "partially_paid";
  if (unpaid && invoice.overdue) {
    const label =
      invoice.state === "partially_paid"
        ? `${t("payments.invoice.state.partially_paid")} · ${t("payments.invoice.overdue")}`
        : t("payments.invoice.overdue");
    return { label, tone: "danger" };
  }
  switch (invoice.state) {
    case "open":
      return { label: t("payments.invoice.state.open"), tone: "warning" };
    case "partially_paid":
      return { label: t("payments.invoice.state.partially_paid"), tone: "warning" };
    case "paid":
      return { label: t("payments.invoice.state.paid"), tone: "success" };
    case "void":
      return { label: t("payments.invoice.state.void"), tone: "neutral" };
    case "draft":
      return { label: t("payments.invoice.state.draft"), tone: "neutral" };
  }
}

/** The invoice's whereabouts on its due date: "Due on 1 Dec 2026", "Was due on …" or "Paid in full". */
export function invoiceDueLine(invoice: Pick<Invoice, "state" | "overdue" | "due_date">, t: TFunction, locale: string): string {
  if (invoice.state === "paid") return t("payments.invoice.paidInFull");
  const date = formatDate(invoice.due_date, locale);
  return invoice.overdue ? t("payments.invoice.wasDueOn", { date }) : t("payments.invoice.dueOn", { date });
}

/** "€950.00 to pay" or, partly paid, "€450.00 of €950.00 left to pay". */
export function invoiceAmountLine(invoice: Pick<Invoice, "state" | "outstanding" | "total" | "currency" | "credited" | "paid">, t: TFunction, locale: string): string {
  const money = (amount: number) => formatMoney(amount, invoice.currency, locale);
  if (invoice.state === "paid" || invoice.outstanding <= 0) return money(invoice.total);
  if (invoice.outstanding !== invoice.total) {
    return t("payments.invoice.outstandingOf", { outstanding: money(invoice.outstanding), total: money(invoice.total) });
  }
  return t("payments.invoice.left", { amount: money(invoice.outstanding) });
}

/** Whether the tenant can pay this invoice now: open or partly paid, with money outstanding. */
export function isPayable(invoice: Pick<Invoice, "state" | "outstanding">): boolean {
  return (invoice.state === "open" || invoice.state === "partially_paid") && invoice.outstanding > 0;
}

/**
 * A lease's balance in one headline: "You owe €45.00" (what is still to send: transfers the
 * tenant reported and the agency has not confirmed yet are not counted), "Nothing more to pay:
 * your transfer is being confirmed", "In credit: €50.00" or "Nothing to pay".
 */
export function balanceHeadline(balance: Pick<LeaseBalance, "balance" | "currency" | "to_pay">, t: TFunction, locale: string): string {
  if (balance.to_pay > 0) return t("payments.balance.owe", { amount: formatMoney(balance.to_pay, balance.currency, locale) });
  if (balance.balance > 0) return t("payments.balance.coveredByPending");
  if (balance.balance < 0) return t("payments.balance.inCredit", { amount: formatMoney(-balance.balance, balance.currency, locale) });
  return t("payments.balance.nothingToPay");
}

/** "€120.00 pending: you reported it paid by bank transfer…", or null when nothing waits. */
export function pendingLine(balance: Pick<LeaseBalance, "pending" | "currency">, t: TFunction, locale: string): string | null {
  if (balance.pending <= 0) return null;
  return t("payments.balance.pending", { amount: formatMoney(balance.pending, balance.currency, locale) });
}

/** What a "pay" button opens, in its own words: "Pay invoice 43 (€45.00)". */
export function payInvoiceLabel(invoice: Pick<Invoice, "number" | "outstanding" | "currency">, t: TFunction, locale: string): string {
  return t("payments.balance.payOldest", {
    number: invoice.number ?? "",
    amount: formatMoney(invoice.outstanding, invoice.currency, locale),
  });
}

/** "Visa ending in 4242, expires 12/2030". */
export function cardLabel(card: SavedCard, t: TFunction): string {
  const brand = card.brand === "" ? "Card" : card.brand.charAt(0).toUpperCase() + card.brand.slice(1);
  return t("payments.pay.savedCard", {
    brand,
    last4: card.last4,
    month: String(card.exp_month).padStart(2, "0"),
    year: card.exp_year,
  });
}

/** The kinds whose sentence depends on why the card processor refused (see card-errors). */
const BY_REASON: ReadonlySet<PayError["kind"]> = new Set(["declined", "card", "gateway", "authentication", "other"]);

/**
 * The message for a failed payment step, always in the payer's language: a form that cannot be
 * sent says what to fill in; a refusal says why and what to do next (card-errors, one sentence
 * per reason); the API's other problems get our own sentence. The card processor's own text is
 * never shown.
 */
export function payErrorMessage(error: PayError, t: TFunction): string {
  if (error.kind === "card" && error.formProblem !== undefined) return t(`payments.pay.formProblems.${error.formProblem}`);
  if (error.reason !== undefined && BY_REASON.has(error.kind)) return cardErrorMessage(error.reason, t);
  return t(`payments.pay.errors.${error.kind}`);
}

/** The open invoice to pay first on a lease: the one due soonest (the oldest debt). */
export function oldestOpenInvoice(invoices: readonly Invoice[], leaseId: string): Invoice | undefined {
  return invoices
    .filter((invoice) => invoice.lease_id === leaseId && invoice.outstanding > 0)
    .reduce<Invoice | undefined>((best, invoice) => (best === undefined || invoice.due_date < best.due_date ? invoice : best), undefined);
}

const PROOF_TONES: Record<TransferProofStatus, StatusTone> = {
  submitted: "warning",
  confirmed: "success",
  rejected: "danger",
  withdrawn: "neutral",
};

/** A transfer proof's badge, in words: waiting for the agency, accepted, not accepted, withdrawn. */
export function proofStatus(status: TransferProofStatus, t: TFunction): InvoiceStatusWording {
  return { label: t(`proofs.status.${status}`), tone: PROOF_TONES[status] };
}

/** "230 kB", "2.4 MB" (in the locale's notation): how big a chosen file is, so the tenant sees they picked the right one. */
export function fileSize(bytes: number, locale: string): string {
  const megabytes = bytes >= 1024 * 1024;
  return new Intl.NumberFormat(locale, { style: "unit", unit: megabytes ? "megabyte" : "kilobyte", maximumFractionDigits: megabytes ? 1 : 0 }).format(
    megabytes ? bytes / (1024 * 1024) : Math.max(1, Math.round(bytes / 1024)),
  );
}
