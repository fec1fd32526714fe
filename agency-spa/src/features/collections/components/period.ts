/**
 * Periods of the collections center, as calendar dates ("2026-12-01") in the agency's time zone.
 * Pure functions on ISO date strings: no Date arithmetic in the browser's own zone, so
 * 1 December stays 1 December wherever the user is.
 */

import { daysBetween } from "@doorstep/web-shared/lib/format/date";

export interface Period {
  from: string;
  to: string;
}

export type PresetId = "thisMonth" | "lastMonth" | "last3Months" | "yearToDate" | "lastYear";
export const PRESETS: readonly PresetId[] = ["thisMonth", "lastMonth", "last3Months", "yearToDate", "lastYear"];

/** The API's longest report (collections/service.py MAX_PERIOD_DAYS). */
export const MAX_PERIOD_DAYS = 800;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(value: string): [number, number, number] {
  const match = ISO_DATE.exec(value);
  if (match === null) throw new RangeError(`not an ISO date: ${value}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function iso(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const [year, month, day] = parts(value);
  return iso(year, month, day) === value;
}

/** The calendar month `offset` months from the one `day` is in. */
export function monthOf(day: string, offset = 0): Period {
  const [year, month] = parts(day);
  return { from: iso(year, month + offset, 1), to: iso(year, month + offset + 1, 0) };
}

export function presetPeriod(preset: PresetId, today: string): Period {
  const [year] = parts(today);
  switch (preset) {
    case "thisMonth":
      return monthOf(today);
    case "lastMonth":
      return monthOf(today, -1);
    case "last3Months":
      return { from: monthOf(today, -2).from, to: monthOf(today).to };
    case "yearToDate":
      return { from: iso(year, 1, 1), to: today };
    case "lastYear":
      return { from: iso(year - 1, 1, 1), to: iso(year - 1, 12, 31) };
  }
}

/** Which preset a period is, if any (the picker shows it selected). */
export function presetOf(period: Period, today: string): PresetId | undefined {
  return PRESETS.find((preset) => {
    const candidate = presetPeriod(preset, today);
    return candidate.from === period.from && candidate.to === period.to;
  });
}

export type PeriodProblem = "fromInvalid" | "toInvalid" | "endsBeforeStart" | "tooLong";

/** What is wrong with a typed period, before asking the API (which refuses the same things). */
export function periodProblem(period: Period): PeriodProblem | undefined {
  if (!isIsoDate(period.from)) return "fromInvalid";
  if (!isIsoDate(period.to)) return "toInvalid";
  const days = daysBetween(period.from, period.to) + 1;
  if (days < 1) return "endsBeforeStart";
  if (days > MAX_PERIOD_DAYS) return "tooLong";
  return undefined;
}

/** The period in the address (?from=&to=), else this month. */
export function periodFromSearch(from: string, to: string, today: string): Period {
  const period = { from, to };
  return periodProblem(period) === undefined ? period : monthOf(today);
}

export type Bucket = "days_1_30" | "days_31_60" | "days_61_90" | "over_90";
export const BUCKETS: readonly Bucket[] = ["days_1_30", "days_31_60", "days_61_90", "over_90"];

/**
 * The ageing bucket of an invoice `daysOverdue` days past its due date (collections/service.py:
 * 1-30, 31-60, 61-90, over 90); none when it is not overdue yet (due today or later).
 */
export function ageingBucket(daysOverdue: number): Bucket | undefined {
  if (daysOverdue < 1) return undefined;
  if (daysOverdue <= 30) return "days_1_30";
  if (daysOverdue <= 60) return "days_31_60";
  if (daysOverdue <= 90) return "days_61_90";
  return "over_90";
}

/** The oldest bucket a lease has money in (its row is flagged by it). */
export function oldestBucket(ageing: Record<Bucket, number>): Bucket | undefined {
  return [...BUCKETS].reverse().find((bucket) => ageing[bucket] > 0);
}
