import { parseMoney, type ParseMoneyError } from "@doorstep/web-shared/lib/format/parse-money";

/**
 * What staff confirm of money received outside the platform — recording a payment, confirming a
 * tenant's transfer proof: how much arrived, the day it arrived and the reference it came with
 * (payments/ledger/service.py: record_offline_payment — a confirming user and a reference, never a day
 * in the agency's future).
 */
export type PaymentDetailsField = "amount" | "received_on" | "reference";
export type PaymentDetailsErrorKey = "form.required" | "payments.errors.amountZero" | "payments.errors.future" | `money.${ParseMoneyError}`;

export interface PaymentDetailsValues {
  amount: string;
  receivedOn: string;
  reference: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Amount, date received (not after `today`, the agency's date) and reference, as the API takes them. */
export function readPaymentDetails(
  values: PaymentDetailsValues,
  currency: string,
  locale: string,
  today: string,
): { amount: number | null; errors: Partial<Record<PaymentDetailsField, PaymentDetailsErrorKey>> } {
  const errors: Partial<Record<PaymentDetailsField, PaymentDetailsErrorKey>> = {};
  const amount = parseMoney(values.amount, currency, locale);
  if (!amount.ok) errors.amount = `money.${amount.error}`;
  else if (amount.amount === 0) errors.amount = "payments.errors.amountZero";
  if (!ISO_DATE.test(values.receivedOn)) errors.received_on = "form.required";
  else if (values.receivedOn > today) errors.received_on = "payments.errors.future";
  if (values.reference.trim() === "") errors.reference = "form.required";
  return { amount: amount.ok && amount.amount > 0 ? amount.amount : null, errors };
}
