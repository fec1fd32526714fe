import type { FollowUpOutcome } from "../api/list-follow-ups";

/** What can come of a follow-up (collections/models.py FollowUpOutcome), in the order offered. */
export const OUTCOMES: readonly FollowUpOutcome[] = [
  "promised_to_pay",
  "payment_plan",
  "paid",
  "disputed",
  "no_response",
  "unreachable",
  "other",
];

/** Where a follow-up stands, for its badge. */
export type FollowUpState = "awaitingReview" | "reviewed" | "documented" | "sent";

export function followUpState(followUp: {
  awaiting_review: boolean;
  reviewed_at: string | null;
  outcome: FollowUpOutcome | null;
  outcome_note: string | null;
}): FollowUpState {
  if (followUp.awaiting_review) return "awaitingReview";
  if (followUp.reviewed_at !== null) return "reviewed";
  if (followUp.outcome !== null || followUp.outcome_note !== null) return "documented";
  return "sent";
}
