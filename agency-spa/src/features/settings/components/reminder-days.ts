export const MIN_DAYS = 1;
export const MAX_DAYS = 30;

/** A whole number of days within the API's bounds, or null with the reason left to the caller. */
export function parseDays(value: string, min: number, max: number): number | null {
  if (!/^\d{1,3}$/u.test(value.trim())) return null;
  const days = Number(value.trim());
  return days >= min && days <= max ? days : null;
}

/** Whole days between 1 and 30 (the API's bounds), or null with the reason left to the caller. */
export function parseReminderDays(value: string): number | null {
  return parseDays(value, MIN_DAYS, MAX_DAYS);
}
