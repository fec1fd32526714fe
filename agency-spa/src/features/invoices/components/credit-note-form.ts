import { parseMoney, type ParseMoneyError } from "@doorstep/web-shared/lib/format/parse-money";
import type { CreditNoteCreate } from "../api/create-credit-note";
import type { CreditNoteKind } from "../api/list-credit-notes";

export interface CreditNoteValues {
  kind: CreditNoteKind;
  amount: string;
  reason: string;
}

export type CreditNoteField = "kind" | "amount" | "reason";
export type CreditNoteErrorKey =
  | "form.required"
  | "invoices.errors.amountZero"
  | "invoices.errors.creditTooLarge"
  | "invoices.errors.reasonRequired"
  | `money.${ParseMoneyError}`;

/**
 * A credit note or write-off reduces an open invoice by at most what it still asks for, and
 * always says why (billing/service.py: issue_credit_note). `outstanding` is the API's figure.
 */
export function readCreditNote(
  values: CreditNoteValues,
  outstanding: number,
  currency: string,
  locale: string,
): { ok: true; body: CreditNoteCreate } | { ok: false; errors: Partial<Record<CreditNoteField, CreditNoteErrorKey>> } {
  const errors: Partial<Record<CreditNoteField, CreditNoteErrorKey>> = {};
  const amount = parseMoney(values.amount, currency, locale);
  if (!amount.ok) errors.amount = `money.${amount.error}`;
  else if (amount.amount === 0) errors.amount = "invoices.errors.amountZero";
  else if (amount.amount > outstanding) errors.amount = "invoices.errors.creditTooLarge";
  const reason = values.reason.trim();
  if (reason === "") errors.reason = "invoices.errors.reasonRequired";
  if (!amount.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body: { kind: values.kind, amount: amount.amount, reason } };
}

/** Above the agency's threshold a credit waits for an accountant's or owner's approval (audit/service.py: needs_approval). */
export function needsApproval(amount: number, threshold: number): boolean {
  return amount > threshold;
}
