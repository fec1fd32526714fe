import { addDays } from "@doorstep/web-shared/lib/format/date";
import type { Lease } from "../api/list-leases";

type Term = Pick<Lease, "start_date" | "end_date" | "holding_over">;

/** The calendar day before an ISO date (YYYY-MM-DD). */
export function dayBefore(isoDate: string): string {
  return addDays(isoDate, -1);
}

/**
 * The last day proposed when staff cancel a live tenancy: the agency's today, kept within what the
 * API takes (not after an end date the tenancy already has). A tenancy that has not begun yet is
 * proposed the day before its start: it never begins and no rent is owed under it.
 */
export function defaultCancelDate(lease: Term, today: string): string {
  const latest = lease.end_date !== null && !lease.holding_over ? lease.end_date : undefined;
  let day = today < lease.start_date ? dayBefore(lease.start_date) : today;
  if (latest !== undefined && day > latest) day = latest;
  return day;
}

/** The earliest last day the API takes: the day before the start (a tenancy that never begins). */
export function earliestCancelDate(lease: Pick<Lease, "start_date">): string {
  return dayBefore(lease.start_date);
}

/** A lease cancelled before its first day: its term ends the day before it starts. */
export function neverStarted(lease: Pick<Lease, "start_date" | "end_date">): boolean {
  return lease.end_date !== null && lease.end_date < lease.start_date;
}
