import { readWallTime } from "@doorstep/web-shared/lib/format/wall-time";

export type VisitReading = { ok: true; instant: string } | { ok: false; reason: "required" | "skipped" };

/**
 * A `datetime-local` value ("2026-11-25T14:00") read on the agency's clock (`timeZone`), as an
 * instant. A time the clocks skip (the spring change) is refused rather than silently moved; a time
 * that happens twice (the autumn change) is the first of the two.
 */
export function visitInstant(local: string, timeZone: string): VisitReading {
  const reading = readWallTime(local, timeZone);
  if (reading.kind === "invalid") return { ok: false, reason: "required" };
  if (reading.kind === "gap") return { ok: false, reason: "skipped" };
  return { ok: true, instant: reading.instant };
}
