import type { Lease } from "../api/list-leases";

/**
 * The last day proposed when staff cancel a live tenancy: the agency's today, kept within what the
 * API takes (not before the start, not after an end date the tenancy already has), so a tenancy
 * cancelled before it began ends on its first day and one already past its end keeps that end.
 */
export function defaultCancelDate(lease: Pick<Lease, "start_date" | "end_date" | "holding_over">, today: string): string {
  const latest = lease.end_date !== null && !lease.holding_over ? lease.end_date : undefined;
  let day = today < lease.start_date ? lease.start_date : today;
  if (latest !== undefined && day > latest) day = latest;
  return day;
}
