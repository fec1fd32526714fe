import type { TFunction } from "i18next";
import { formatWeekday } from "@doorstep/web-shared/lib/format/date";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type RentFrequency = components["schemas"]["RentFrequency"];

/** ISO weekdays, as the API numbers them for weekly and fortnightly rent: 1 = Monday ... 7 = Sunday. */
export const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Days of the month a monthly rent may fall due; 29-31 fall on the last day of shorter months. */
export const MONTH_DAYS = Array.from({ length: 31 }, (_, index) => index + 1);

/** The largest due day that is valid for `frequency`. */
export function maxDueDay(frequency: RentFrequency): number {
  return frequency === "monthly" ? 31 : 7;
}

/** "Monday" for 1 in English, "lundi" in French. */
export function weekdayName(isoWeekday: number, locale: string): string {
  return formatWeekday(isoWeekday, locale);
}

/**
 * When rent falls due, in words: "On the 1st of each month", "Every Monday", "Every other
 * Friday". Days 29 to 31 say that shorter months use their last day (the API's rule).
 */
export function describeDueDay(frequency: RentFrequency, dueDay: number, t: TFunction, locale: string): string {
  switch (frequency) {
    case "monthly": {
      const day = t("dueDay.monthly", { count: dueDay, ordinal: true });
      return dueDay > 28 ? t("dueDay.monthlyLate", { day }) : day;
    }
    case "weekly":
      return t("dueDay.weekly", { weekday: weekdayName(dueDay, locale) });
    case "fortnightly":
      return t("dueDay.fortnightly", { weekday: weekdayName(dueDay, locale) });
  }
}
