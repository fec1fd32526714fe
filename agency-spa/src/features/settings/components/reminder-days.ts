export const MIN_DAYS = 1;
export const MAX_DAYS = 30;

/** Whole days between 1 and 30 (the API's bounds), or null with the reason left to the caller. */
export function parseReminderDays(value: string): number | null {
  if (!/^\d{1,2}$/u.test(value.trim())) return null;
  const days = Number(value.trim());
  return days >= MIN_DAYS && days <= MAX_DAYS ? days : null;
}

