import type { ActionCounts } from "../api/get-dashboard";

export type CountName = Exclude<keyof ActionCounts, "overdue_amount">;

/**
 * Each count and the list it opens, filtered in the address exactly as the API counted it: the
 * list shows as many rows as the count says.
 */
export const ACTIONS: readonly { name: CountName; to: string }[] = [
  { name: "overdue_invoices", to: "/invoices?overdue=1" },
  { name: "approvals_waiting", to: "/approvals?status=pending" },
  { name: "transfer_proofs_to_review", to: "/transfer-proofs?status=submitted" },
  { name: "unmatched_bank_lines", to: "/reconciliation/lines?status=unmatched" },
  { name: "failed_payments", to: "/payments?status=failed" },
  { name: "recurring_needing_attention", to: "/recurring-payments?attention=1" },
  { name: "incidents_to_qualify", to: "/incidents?status=reported" },
  { name: "follow_ups_awaiting_review", to: "/collections/follow-ups?awaiting_review=true" },
];
