import type { Incident, IncidentPriority, IncidentStatus } from "../api/incidents";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * How long an open incident may wait, from its report, before the queue marks it overdue. The
 * agency settings hold no such thresholds, so these are the documented defaults: urgent 1 day,
 * high 3, normal 7, low 14; a report nobody has qualified yet (no priority) 1 day, since
 * qualifying it is the first thing someone must do.
 */
export const OVERDUE_AFTER_DAYS: Record<IncidentPriority | "unqualified", number> = {
  urgent: 1,
  high: 3,
  unqualified: 1,
  normal: 7,
  low: 14,
};

/** The triage order of priorities: most pressing first. A report not yet qualified comes after high. */
const PRIORITY_RANK: Record<IncidentPriority | "unqualified", number> = {
  urgent: 0,
  high: 1,
  unqualified: 2,
  normal: 3,
  low: 4,
};

const OPEN_STATUSES: ReadonlySet<IncidentStatus> = new Set(["reported", "qualified", "assigned", "scheduled"]);

export function isOpen(status: IncidentStatus): boolean {
  return OPEN_STATUSES.has(status);
}

function priorityKey(priority: IncidentPriority | null): IncidentPriority | "unqualified" {
  return priority ?? "unqualified";
}

/** Milliseconds since the report (never negative: a clock a little behind the server's reads 0). */
export function waitedMs(reportedAt: string, now: number): number {
  return Math.max(0, now - Date.parse(reportedAt));
}

/** How long it has waited, in whole hours under a day and whole days after. */
export function waited(reportedAt: string, now: number): { unit: "hours" | "days"; count: number } {
  const ms = waitedMs(reportedAt, now);
  return ms < DAY_MS ? { unit: "hours", count: Math.floor(ms / HOUR_MS) } : { unit: "days", count: Math.floor(ms / DAY_MS) };
}

/** Whether an open incident has waited longer than its priority allows; a closed one never is. */
export function isOverdue(incident: Pick<Incident, "status" | "priority" | "reported_at">, now: number): boolean {
  if (!isOpen(incident.status)) return false;
  return waitedMs(incident.reported_at, now) > OVERDUE_AFTER_DAYS[priorityKey(incident.priority)] * DAY_MS;
}

/** The queue's order: open before closed; open ones by priority, then the longest waiting first; closed ones newest first. */
export function triageOrder<T extends Pick<Incident, "status" | "priority" | "reported_at">>(incidents: readonly T[]): T[] {
  return [...incidents].sort((a, b) => {
    const open = Number(isOpen(b.status)) - Number(isOpen(a.status));
    if (open !== 0) return open;
    if (isOpen(a.status)) {
      const rank = PRIORITY_RANK[priorityKey(a.priority)] - PRIORITY_RANK[priorityKey(b.priority)];
      if (rank !== 0) return rank;
      return Date.parse(a.reported_at) - Date.parse(b.reported_at);
    }
    return Date.parse(b.reported_at) - Date.parse(a.reported_at);
  });
}

/** Open ones first, each group newest first (a lease's or a tenant's list). */
export function openFirst<T extends Pick<Incident, "status" | "reported_at">>(incidents: readonly T[]): T[] {
  return [...incidents].sort((a, b) => Number(isOpen(b.status)) - Number(isOpen(a.status)) || Date.parse(b.reported_at) - Date.parse(a.reported_at));
}
