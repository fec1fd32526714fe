import { parseMoney, type ParseMoneyError } from "@/lib/format/parse-money";
import type { PaymentMethod } from "../api/list-payments";

/** Money staff record themselves; card and payment-link payments come from the gateway. */
export const OFFLINE_METHODS = ["bank_transfer", "cash", "cheque"] as const satisfies readonly PaymentMethod[];
export type OfflineMethod = (typeof OFFLINE_METHODS)[number];

/** The API's field paths the record form shows errors on ("allocations.0.amount" lands on "allocations"). */
export const PAYMENT_FORM_FIELDS = [
  "tenant_id",
  "lease_id",
  "lease_confirmed",
  "amount",
  "currency",
  "method",
  "received_on",
  "reference",
  "allocations",
] as const;
export type PaymentFormField = (typeof PAYMENT_FORM_FIELDS)[number];

export type PaymentErrorKey =
  | "form.required"
  | "payments.errors.choosePayer"
  | "payments.errors.chooseLease"
  | "payments.errors.confirmLease"
  | "payments.errors.amountZero"
  | "payments.errors.future"
  | "payments.errors.overAllocated"
  | "payments.errors.allocationRows"
  | `money.${ParseMoneyError}`;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface PaymentDetailsValues {
  amount: string;
  receivedOn: string;
  reference: string;
}

/** Amount, date received (not after `today`, the agency's date) and reference, as the API takes them. */
export function readPaymentDetails(
  values: PaymentDetailsValues,
  currency: string,
  locale: string,
  today: string,
): { amount: number | null; errors: Partial<Record<PaymentFormField, PaymentErrorKey>> } {
  const errors: Partial<Record<PaymentFormField, PaymentErrorKey>> = {};
  const amount = parseMoney(values.amount, currency, locale);
  if (!amount.ok) errors.amount = `money.${amount.error}`;
  else if (amount.amount === 0) errors.amount = "payments.errors.amountZero";
  if (!ISO_DATE.test(values.receivedOn)) errors.received_on = "form.required";
  else if (values.receivedOn > today) errors.received_on = "payments.errors.future";
  if (values.reference.trim() === "") errors.reference = "form.required";
  return { amount: amount.ok && amount.amount > 0 ? amount.amount : null, errors };
}
