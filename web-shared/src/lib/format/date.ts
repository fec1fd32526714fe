/**
 * The one place where the front ends turn dates and instants into words (ESLint refuses
 * toLocale*String and Intl.DateTimeFormat / Intl.RelativeTimeFormat anywhere else).
 *
 * - A calendar date ("2026-12-01": a due date, a rent period's end) has no time zone: it is the
 *   same day wherever the browser is.
 * - An instant ("2026-12-06T03:45:00Z": when a payment was recorded, when a link expires) is
 *   shown in the agency's time zone, because that is the clock the agency and its tenants share
 *   and the one the API judges "today" and "overdue" by. When the browser's clock shows a
 *   different time for that instant, the zone is named ("…, 04:45 (Central European Time)"), so
 *   staff and tenant read the same words for the same instant.
 * - One date style per locale (CLDR "long": "6 December 2026", "6 décembre 2026"), the same as the
 *   e-mails (babel's "long" in backend/doorstep/documents/i18n.py), and one range style for periods
 *   ("1–31 January 2027").
 * - The locale is the reader's language with the agency's region ("en" + agency "nl-BE" -> "en-BE"),
 *   so both apps show a date the same way to readers of the same language.
 */

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export interface DateFormatSettings {
  /** The reader's language ("en", "fr", "nl"), or a full locale. */
  language: string;
  /** The agency's locale ("nl-BE"): its region decides the national conventions. */
  agencyLocale?: string | null;
  /** The agency's IANA time zone ("Europe/Brussels"); instants are shown on its clock. */
  timeZone: string;
  /** The browser's time zone; the default is the browser's own (a parameter for tests). */
  browserTimeZone?: string;
}

export interface DateFormat {
  /** The locale everything is formatted in (see formattingLocale). */
  readonly locale: string;
  /** The agency's time zone. */
  readonly timeZone: string;
  /** A calendar date, or the day an instant falls on in the agency's time zone: "6 December 2026". */
  date(value: string | Date): string;
  /** A period from one calendar date to another, both included: "1–31 January 2027". */
  range(from: string, to: string): string;
  /** Date and time of an instant on the agency's clock, naming the zone when the browser's differs. */
  instant(value: string | Date): string;
  /** A number of days from today, in words: "tomorrow", "in 3 days", "2 days ago". */
  relativeDays(days: number): string;
  /** The month a calendar date is in: "December 2026". */
  month(value: string): string;
  /** The month and day of a calendar date, for narrow chart axes: "6 Dec". */
  dayAndMonth(value: string): string;
  /** The name of an ISO weekday (1 = Monday ... 7 = Sunday): "Monday". */
  weekday(isoWeekday: number): string;
  /** Today's calendar date (YYYY-MM-DD) in the agency's time zone. */
  today(now?: Date): string;
}

/** A formatter for `settings`; cheap to create, meant to be made once per render or per page. */
export function createDateFormat(settings: DateFormatSettings): DateFormat {
  const locale = formattingLocale(settings.language, settings.agencyLocale);
  const { timeZone } = settings;
  const browserZone = settings.browserTimeZone ?? browserTimeZone();
  return {
    locale,
    timeZone,
    date: (value) => (typeof value === "string" && CALENDAR_DATE.test(value) ? formatDate(value, locale) : formatInstantDate(value, locale, timeZone)),
    range: (from, to) => formatDateRange(from, to, locale),
    instant: (value) => formatInstant(value, locale, timeZone, browserZone),
    relativeDays: (days) => formatRelativeDays(days, locale),
    month: (value) => formatMonth(value, locale),
    dayAndMonth: (value) => formatDayAndMonth(value, locale),
    weekday: (isoWeekday) => formatWeekday(isoWeekday, locale),
    today: (now = new Date()) => todayIn(timeZone, now),
  };
}

/** A calendar date ("2026-12-06") in the one date style: "6 December 2026". */
export function formatDate(value: string, locale: string): string {
  return calendar(locale, { dateStyle: "long" }).format(calendarInstant(value));
}

/** The day an instant falls on in `timeZone` (the agency's), in the one date style. */
export function formatInstantDate(value: string | Date, locale: string, timeZone: string): string {
  return formatDate(todayIn(timeZone, toInstant(value)), locale);
}

/** A period from one calendar date to another, both included, as one range: "1–31 January 2027". */
export function formatDateRange(from: string, to: string, locale: string): string {
  return calendar(locale, { dateStyle: "long" }).formatRange(calendarInstant(from), calendarInstant(to));
}

/**
 * Date and time of an instant on the clock of `timeZone` (the agency's). When the browser's clock
 * (`browserZone`) shows another time for it, the zone is named: "6 December 2026, 04:45
 * (Central European Time)".
 */
export function formatInstant(value: string | Date, locale: string, timeZone: string, browserZone: string = browserTimeZone()): string {
  const moment = toInstant(value);
  // Date and time joined as CLDR's standard date-time pattern joins them in en, fr and nl
  // ("{1}, {0}"), which is also what the e-mails use (babel has no "at" variant).
  const onClockOf = (zone: string) =>
    `${dateTimeFormat(locale, { dateStyle: "long", timeZone: zone }).format(moment)}, ${dateTimeFormat(locale, { timeStyle: "short", timeZone: zone }).format(moment)}`;
  const shown = onClockOf(timeZone);
  if (shown === onClockOf(browserZone)) return shown;
  return `${shown} (${timeZoneName(moment, locale, timeZone)})`;
}

/** A number of days from today, in words: "tomorrow", "in 3 days", "2 days ago". */
export function formatRelativeDays(days: number, locale: string): string {
  return new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(days, "day");
}

/** The month a calendar date is in: "December 2026". */
export function formatMonth(value: string, locale: string): string {
  return calendar(locale, { month: "long", year: "numeric" }).format(calendarInstant(value));
}

/** Day and month of a calendar date, for narrow chart axes only: "6 Dec". */
export function formatDayAndMonth(value: string, locale: string): string {
  return calendar(locale, { day: "numeric", month: "short" }).format(calendarInstant(value));
}

/** The name of an ISO weekday (1 = Monday ... 7 = Sunday): "Monday", "lundi". */
export function formatWeekday(isoWeekday: number, locale: string): string {
  if (!Number.isInteger(isoWeekday) || isoWeekday < 1 || isoWeekday > 7) {
    throw new RangeError(`formatWeekday: ${isoWeekday} is not an ISO weekday`);
  }
  // 1 January 2024 was a Monday, so day n of that month is ISO weekday n.
  return calendar(locale, { weekday: "long" }).format(new Date(Date.UTC(2024, 0, isoWeekday)));
}

/**
 * The locale to format in: the reader's language with the agency's region when it has one
 * ("fr" + agency "nl-BE" -> "fr-BE"), so a reader of English in Belgium sees "6 December 2026"
 * rather than the US "December 6, 2026". Anything unparseable falls back to the bare language.
 */
export function formattingLocale(language: string, agencyLocale?: string | null): string {
  let region: string | undefined;
  try {
    region = agencyLocale ? new Intl.Locale(agencyLocale).region : undefined;
  } catch {
    region = undefined; // not a BCP 47 tag
  }
  const base = safeLanguage(language);
  if (region === undefined) return base;
  try {
    return Intl.getCanonicalLocales(`${new Intl.Locale(base).language}-${region}`)[0] ?? base;
  } catch {
    return base;
  }
}

/** The IANA time zone the browser runs in. */
export function browserTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Today's calendar date (YYYY-MM-DD) in `timeZone`: the API judges "today" by the agency's calendar. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = dateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((item) => item.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** Whole days from calendar date `from` to calendar date `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((calendarInstant(to).getTime() - calendarInstant(from).getTime()) / DAY_MS);
}

/** Calendar date `date` moved by `days` on the calendar (no time zone involved). */
export function addDays(date: string, days: number): string {
  const moved = calendarInstant(date);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  return CALENDAR_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && addDays(value, 0) === value;
}

function safeLanguage(language: string): string {
  try {
    return Intl.getCanonicalLocales(language)[0] ?? "en";
  } catch {
    return "en";
  }
}

/** A calendar date has no zone: formatted as midnight UTC in UTC, it stays on its day. */
function calendar(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return dateTimeFormat(locale, { ...options, timeZone: "UTC" });
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An Intl formatter costs far more to build than to use, and never changes: one per locale and
 * options is kept and reused (a screen formats dozens of dates while it renders). Only formatters
 * given their time zone come from here; the browser's own zone may change while the page is open.
 */
function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions & { timeZone: string }): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, options);
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** Midnight UTC of a calendar date: formatted in UTC, it stays on its day. */
function calendarInstant(value: string): Date {
  if (!CALENDAR_DATE.test(value)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${value}`);
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${value}`);
  return date;
}

function toInstant(value: string | Date): Date {
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an instant: ${String(value)}`);
  return date;
}

/** "Central European Time", "heure d’Europe centrale": the zone's generic name in `locale`. */
function timeZoneName(moment: Date, locale: string, timeZone: string): string {
  const parts = dateTimeFormat(locale, { timeZone, timeZoneName: "longGeneric" }).formatToParts(moment);
  return parts.find((part) => part.type === "timeZoneName")?.value ?? timeZone;
}
