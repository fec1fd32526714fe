import type { AllocationIn } from "@/lib/money/allocation";
import { formatMoneyInput } from "@doorstep/web-shared/lib/format/parse-money";
import type { ProofConfirmation } from "../api/confirm-proof";
import type { TransferProof } from "../api/list-proofs";

/** The API's field paths the confirm form shows problems on ("allocations.0.amount" lands on "allocations"). */
export const CONFIRM_FIELDS = ["amount", "received_on", "reference", "allocations"] as const;
export type ConfirmField = (typeof CONFIRM_FIELDS)[number];

export interface ConfirmValues {
  amount: string;
  receivedOn: string;
  reference: string;
}

/** What the form starts from: what the tenant said — staff correct it to what actually arrived. */
export function initialConfirmValues(proof: Pick<TransferProof, "amount" | "currency" | "paid_on" | "reference">, locale: string): ConfirmValues {
  return { amount: formatMoneyInput(proof.amount, proof.currency, locale), receivedOn: proof.paid_on, reference: proof.reference };
}

/**
 * The body of POST …/confirm: always what staff confirm (amount, day, reference), and the split
 * when staff choose it. `allocations` is `null` when the trust account receipts the oldest
 * invoice first (the API allocates; sending a split would be refused) and otherwise always sent,
 * even empty: left out, the API would settle the invoice the tenant named, not what staff chose.
 */
export function confirmationBody(details: { amount: number; receivedOn: string; reference: string }, allocations: AllocationIn[] | null): ProofConfirmation {
  return {
    amount: details.amount,
    received_on: details.receivedOn,
    reference: details.reference.trim(),
    ...(allocations === null ? {} : { allocations }),
  };
}
