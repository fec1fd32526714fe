import type { AllocationProblemKey } from "@/lib/money/use-allocation-split";
import type { PaymentDetailsErrorKey } from "@/lib/money/payment-details";
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
  | PaymentDetailsErrorKey
  | "payments.errors.choosePayer"
  | "payments.errors.chooseLease"
  | "payments.errors.confirmLease"
  | AllocationProblemKey;
