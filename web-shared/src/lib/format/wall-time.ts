import { TZDate, tzOffset } from "@date-fns/tz";

/**
 * A wall time typed in a form (an `<input type="datetime-local">` value, "2026-11-25T14:00") is
 * read on the agency's clock, never the browser's: a visit typed as 14:00 by a manager whose
 * laptop is set to another zone is 14:00 in the agency's zone, the clock the tenant reads it on.
 *
 * The zone's offsets come from @date-fns/tz (the IANA rules the browser ships); which instant a
 * wall time means around a change of offset is decided here, explicitly:
 * - in a gap (clocks go forward: 02:30 on the last Sunday of March in Europe/Brussels does not
 *   exist) the reading is `gap`, with the instant the same length of time after the change
 *   (03:30 summer time), so a form can refuse it or say what it became;
 * - in an overlap (clocks go back: 02:30 on the last Sunday of October happens twice) the
 *   reading is `overlap`, with the earlier instant (summer time), as RFC 5545 and Temporal's
 *   "compatible" disambiguation choose.
 */
export type WallTimeReading = { kind: "exact" | "overlap" | "gap"; instant: string } | { kind: "invalid" };

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The instant a wall time ("YYYY-MM-DDTHH:mm", seconds optional) means in `timeZone`. */
export function readWallTime(local: string, timeZone: string): WallTimeReading {
  const match = WALL_TIME.exec(local);
  if (match === null) return { kind: "invalid" };
  const [, ...parts] = match;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = parts.map((part: string | undefined) => Number(part ?? "0"));
  // The wall time's fields as if on a UTC clock; a date that does not exist (31 April) moves.
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(asUtc);
  if (year < 1 || check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return { kind: "invalid" };
  }
  const before = tzOffset(timeZone, new Date(asUtc - DAY_MS));
  const after = tzOffset(timeZone, new Date(asUtc + DAY_MS));
  if (!Number.isFinite(before) || !Number.isFinite(after)) return { kind: "invalid" };
  // An instant is a reading of the wall time when the zone's offset at that instant is the one assumed.
  const readings = [...new Set([before, after])]
    .map((offset) => ({ offset, at: asUtc - offset * MINUTE_MS }))
    .filter(({ offset, at }) => tzOffset(timeZone, new Date(at)) === offset)
    .map(({ at }) => at)
    .sort((a, b) => a - b);
  const [earliest] = readings;
  if (earliest !== undefined) return { kind: readings.length > 1 ? "overlap" : "exact", instant: new Date(earliest).toISOString() };
  // Skipped by the clocks: read with the offset before the change, it lands as far after it.
  return { kind: "gap", instant: new Date(asUtc - before * MINUTE_MS).toISOString() };
}

/** An instant as the wall time a `datetime-local` input shows on `timeZone`'s clock: "2026-11-25T14:00". */
export function wallTimeOf(instant: string | Date, timeZone: string): string {
  const moment = new TZDate(new Date(instant).getTime(), timeZone);
  if (Number.isNaN(moment.getTime())) return "";
  const two = (value: number) => String(value).padStart(2, "0");
  return `${String(moment.getFullYear()).padStart(4, "0")}-${two(moment.getMonth() + 1)}-${two(moment.getDate())}T${two(moment.getHours())}:${two(moment.getMinutes())}`;
}
