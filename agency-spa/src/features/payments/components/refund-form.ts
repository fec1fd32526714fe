import { parseMoney, type ParseMoneyError } from "@doorstep/web-shared/lib/format/parse-money";
import type { Payment } from "../api/list-payments";
import type { RefundRequest } from "../api/refund-payment";

/**
 * What may still be refunded: the payment less what was refunded and what already awaits a
 * refund decision or the gateway (payments/service.py: request_refund). Only a bound for the
 * form; the API checks it again under a lock.
 */
export function refundable(payment: Pick<Payment, "amount" | "refunded" | "refunds" | "status">): number {
  if (payment.status !== "succeeded") return 0;
  const waiting = payment.refunds
    .filter((refund) => refund.status === "pending_approval" || refund.status === "processing")
    .reduce((sum, refund) => sum + refund.amount, 0);
  return Math.max(payment.amount - payment.refunded - waiting, 0);
}

export type RefundField = "amount" | "reason";
export type RefundErrorKey = "payments.errors.amountZero" | "payments.errors.refundTooLarge" | "payments.errors.reasonRequired" | `money.${ParseMoneyError}`;

export function readRefund(
  values: { amount: string; reason: string },
  left: number,
  currency: string,
  locale: string,
): { ok: true; body: RefundRequest } | { ok: false; errors: Partial<Record<RefundField, RefundErrorKey>> } {
  const errors: Partial<Record<RefundField, RefundErrorKey>> = {};
  const amount = parseMoney(values.amount, currency, locale);
  if (!amount.ok) errors.amount = `money.${amount.error}`;
  else if (amount.amount === 0) errors.amount = "payments.errors.amountZero";
  else if (amount.amount > left) errors.amount = "payments.errors.refundTooLarge";
  const reason = values.reason.trim();
  if (reason === "") errors.reason = "payments.errors.reasonRequired";
  if (!amount.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body: { amount: amount.amount, reason } };
}
