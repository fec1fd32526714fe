import type { Lease } from "../api/get-my-lease";

export interface NextDue {
  lease: Lease;
  /** "YYYY-MM-DD", in the agency's time zone as the API computed it. */
  date: string;
}

/**
 * The rent the tenant has to pay next: the soonest `next_due_date` among their active leases.
 * Ended (and any non-active) leases are ignored even if they still carry a date; on a tie the
 * first lease in the API's order (newest start first) wins. Null when nothing is due.
 */
export function selectNextDue(leases: readonly Lease[]): NextDue | null {
  let best: NextDue | null = null;
  for (const lease of leases) {
    if (lease.status !== "active" || lease.next_due_date === null) continue;
    // ISO calendar dates compare correctly as strings.
    if (best === null || lease.next_due_date < best.date) best = { lease, date: lease.next_due_date };
  }
  return best;
}
