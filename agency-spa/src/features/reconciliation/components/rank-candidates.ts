import type { Invoice, Payment } from "../api/candidates";
import type { StatementLine } from "../api/list-lines";

export type Reason = "sameAmount" | "numberInReference" | "payerNamed" | "referenceMatches";

export interface Ranked<T> {
  item: T;
  reasons: Reason[];
  score: number;
}

/** Letters and digits only, upper case: "INV-0012 / Tess" -> "INV0012TESS". */
export function compact(text: string): string {
  return text.normalize("NFKD").replace(/[^\p{L}\p{N}]/gu, "").toUpperCase();
}

// The numbers the reference names as invoice numbers ("Invoice 12", "INV-0012", "#12", "facture n° 12").
const INVOICE_NUMBER = /(?<![A-Z0-9])(?:INVOICE|INV|FACTUUR|FACTURE|FACT|RECHNUNG|NR|NO|N°|#)\s*[.:#°-]?\s*(?:N°|NO|NR)?\s*[.:#-]?\s*0*(\d{1,12})(?!\d)/gu;

export function invoiceNumbersIn(reference: string): Set<number> {
  return new Set([...reference.toUpperCase().matchAll(INVOICE_NUMBER)].map((match) => Number(match[1])));
}

function named(counterparty: string, names: readonly string[]): boolean {
  const payer = compact(counterparty);
  return (
    payer.length > 0 &&
    names.some((name) => {
      const last = compact(name.split(" ").at(-1) ?? "");
      return last.length >= 3 && payer.includes(last);
    })
  );
}

const WEIGHTS: Record<Reason, number> = { sameAmount: 4, numberInReference: 3, referenceMatches: 3, payerNamed: 1 };
const score = (reasons: Reason[]) => reasons.reduce((sum, reason) => sum + WEIGHTS[reason], 0);

function ranked<T>(items: { item: T; reasons: Reason[] }[]): Ranked<T>[] {
  return items.map((entry) => ({ ...entry, score: score(entry.reasons) })).sort((a, b) => b.score - a.score);
}

/**
 * Open invoices a credit line could pay, most likely first: the same amount as the invoice still
 * asks for, its number named in the reference, a tenant named as the payer. The API suggests
 * none; this mirrors what its automatic matcher looks at (collections/reconciliation.py), for a
 * person to decide.
 */
export function rankInvoices(line: StatementLine, invoices: readonly Invoice[]): Ranked<Invoice>[] {
  const numbers = invoiceNumbersIn(line.reference);
  return ranked(
    invoices.map((invoice) => {
      const reasons: Reason[] = [];
      if (invoice.outstanding === line.amount) reasons.push("sameAmount");
      if (invoice.number !== null && numbers.has(invoice.number)) reasons.push("numberInReference");
      if (named(line.counterparty, invoice.tenant_names)) reasons.push("payerNamed");
      return { item: invoice, reasons };
    }),
  );
}

/**
 * Recorded payments a line could be: only those of the same amount (the API refuses any other),
 * those whose reference the line quotes first, then those by the payer the bank names.
 */
export function rankPayments(line: StatementLine, payments: readonly Payment[]): Ranked<Payment>[] {
  const reference = compact(line.reference);
  return ranked(
    payments
      .filter((payment) => payment.amount === line.amount && payment.status === "succeeded")
      .map((payment) => {
        const reasons: Reason[] = ["sameAmount"];
        const theirs = compact(payment.reference ?? "");
        if (theirs.length >= 8 && reference.length >= 8 && (reference.includes(theirs) || theirs.includes(reference))) {
          reasons.push("referenceMatches");
        }
        if (named(line.counterparty, [payment.tenant_name])) reasons.push("payerNamed");
        return { item: payment, reasons };
      }),
  );
}
