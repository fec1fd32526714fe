import type { TFunction } from "i18next";
import { formatWeekday } from "@doorstep/web-shared/lib/format/date";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import type { Lease } from "../api/get-my-lease";

/** The weekday `isoWeekday` (1 = Monday … 7 = Sunday) in `locale`, e.g. "Monday", "lundi". */
export function weekdayName(isoWeekday: number, locale: string): string {
  return formatWeekday(isoWeekday, locale);
}

/** "€950.00 per month", "950,00 € toutes les deux semaines". */
export function rentPerPeriod(lease: Pick<Lease, "rent" | "frequency">, t: TFunction, locale: string): string {
  const amount = formatMoney(lease.rent.amount, lease.rent.currency, locale);
  return t(`lease.rentPer.${lease.frequency}`, { amount });
}

/**
 * When rent falls due, in words. Monthly leases: a day of the month ("On the 1st of each month";
 * days 29–31 move to the last day of shorter months, which the sentence says). Weekly and
 * fortnightly leases: an ISO weekday ("Every Monday", "Every other Friday").
 */
export function dueDayInWords(lease: Pick<Lease, "frequency" | "due_day">, t: TFunction, locale: string): string {
  if (lease.frequency === "monthly") {
    const day = t("lease.dayOrdinal", { count: lease.due_day, ordinal: true });
    return lease.due_day > 28 ? t("lease.dueDay.monthlyLate", { day }) : t("lease.dueDay.monthly", { day });
  }
  return t(`lease.dueDay.${lease.frequency}`, { weekday: weekdayName(lease.due_day, locale) });
}

/**
 * A running lease marked "holding over" goes on, period by period, past its end date. Only
 * worth saying while it runs and has an end date; otherwise the flag changes nothing.
 */
export function isHoldingOver(lease: Pick<Lease, "holding_over" | "status" | "end_date">): boolean {
  return lease.holding_over && lease.status === "active" && lease.end_date !== null;
}
