const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Formats a calendar date ("2026-12-01") or an instant (ISO string or Date).
 *
 * A calendar date has no time zone: it is formatted in UTC so that 1 December stays 1 December
 * wherever the browser is. An instant is shown in `timeZone` (e.g. the agency's), else the
 * browser's own zone.
 */
export function formatDate(
  value: string | Date,
  locale: string | readonly string[],
  options: Intl.DateTimeFormatOptions = { dateStyle: "medium" },
): string {
  if (typeof value === "string" && DATE_ONLY.test(value)) {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(new Date(`${value}T00:00:00Z`));
  }
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`formatDate: invalid date ${String(value)}`);
  return new Intl.DateTimeFormat(locale, options).format(date);
}

export function formatDateTime(value: string | Date, locale: string | readonly string[], timeZone?: string): string {
  return formatDate(value, locale, { dateStyle: "medium", timeStyle: "short", ...(timeZone ? { timeZone } : {}) });
}
