import { parseMoney, type ParseMoneyError } from "@doorstep/web-shared/lib/format/parse-money";
import type { OpenInvoice } from "@/lib/api/lookups/open-invoices";
import type { Payment } from "../api/list-payments";
import type { AllocationMoveIn } from "../api/move-allocation";

/** The target that sends the money back to the tenant's unallocated credit. */
export const TO_CREDIT = "credit";

/** An invoice the payment settles money on now: what can be moved away from it. */
export interface MovableAllocation {
  invoiceId: string;
  invoiceNumber: number | null;
  /** What the payment settles on it, net of reversals (refunds, earlier moves). */
  amount: number;
}

/**
 * What the payment settles on each invoice now, in the order it first allocated to them: its
 * allocation rows added up per invoice (a reversal is negative), those at zero left out.
 */
export function movableAllocations(payment: Pick<Payment, "allocations" | "status">): MovableAllocation[] {
  if (payment.status !== "succeeded") return [];
  const net = new Map<string, MovableAllocation>();
  for (const allocation of payment.allocations) {
    const entry = net.get(allocation.invoice_id) ?? { invoiceId: allocation.invoice_id, invoiceNumber: allocation.invoice_number, amount: 0 };
    entry.amount += allocation.amount;
    net.set(allocation.invoice_id, entry);
  }
  return [...net.values()].filter((entry) => entry.amount > 0);
}

/** The open invoices money can move to from `sourceId`: the lease's others that still ask for something. */
export function moveTargets(invoices: readonly OpenInvoice[], sourceId: string): OpenInvoice[] {
  return invoices.filter((invoice) => invoice.id !== sourceId && invoice.outstanding > 0);
}

export interface MoveValues {
  source: string;
  /** An invoice id, or {@link TO_CREDIT}. */
  target: string;
  amount: string;
  reason: string;
}

export type MoveField = "source" | "target" | "amount" | "reason";
export type MoveErrorKey =
  | "payments.move.errors.chooseSource"
  | "payments.move.errors.chooseTarget"
  | "payments.move.errors.moreThanSource"
  | "payments.move.errors.moreThanTarget"
  | "payments.errors.amountZero"
  | "payments.errors.reasonRequired"
  | `money.${ParseMoneyError}`;

/**
 * Reads the form: a source the payment settles money on, a target that is another open invoice
 * still asking for at least the amount (or the tenant's credit), an amount in minor units no
 * more than the source holds, and a reason. Only a first check; the API checks it again under
 * its locks.
 */
export function readMove(
  values: MoveValues,
  sources: readonly MovableAllocation[],
  invoices: readonly OpenInvoice[],
  currency: string,
  locale: string,
): { ok: true; body: AllocationMoveIn } | { ok: false; errors: Partial<Record<MoveField, MoveErrorKey>> } {
  const errors: Partial<Record<MoveField, MoveErrorKey>> = {};
  const source = sources.find((entry) => entry.invoiceId === values.source);
  if (source === undefined) errors.source = "payments.move.errors.chooseSource";
  const target = moveTargets(invoices, values.source).find((invoice) => invoice.id === values.target);
  if (values.target !== TO_CREDIT && target === undefined) errors.target = "payments.move.errors.chooseTarget";
  const amount = parseMoney(values.amount, currency, locale);
  if (!amount.ok) errors.amount = `money.${amount.error}`;
  else if (amount.amount === 0) errors.amount = "payments.errors.amountZero";
  else if (source !== undefined && amount.amount > source.amount) errors.amount = "payments.move.errors.moreThanSource";
  else if (target !== undefined && amount.amount > target.outstanding) errors.amount = "payments.move.errors.moreThanTarget";
  const reason = values.reason.trim();
  if (reason === "") errors.reason = "payments.errors.reasonRequired";
  if (!amount.ok || source === undefined || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: { from_invoice_id: source.invoiceId, to_invoice_id: target === undefined ? null : target.id, amount: amount.amount, reason },
  };
}
