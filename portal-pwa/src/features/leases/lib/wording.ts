import type { TFunction } from "i18next";
import { formatDate, formatWeekday } from "@doorstep/web-shared/lib/format/date";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import type { Lease } from "../api/get-my-lease";

/** The weekday `isoWeekday` (1 = Monday … 7 = Sunday) in `locale`, e.g. "Monday", "lundi". */
export function weekdayName(isoWeekday: number, locale: string): string {
  return formatWeekday(isoWeekday, locale);
}

/** The rent in effect today: "€950.00 per month", "950,00 € toutes les deux semaines". */
export function rentPerPeriod(lease: Pick<Lease, "current_rent" | "frequency">, t: TFunction, locale: string): string {
  return perPeriod(lease.current_rent, lease.frequency, t, locale);
}

/**
 * A rent review the agency recorded for later, while the lease runs: "From 1 March 2027:
 * €1,040.00 per month". Null when none is coming.
 */
export function upcomingRent(
  lease: Pick<Lease, "next_rent_review" | "frequency" | "status">,
  t: TFunction,
  locale: string,
): string | null {
  const next = lease.next_rent_review;
  if (next === null || lease.status !== "active") return null;
  return t("lease.rentFrom", { date: formatDate(next.effective_from, locale), amount: perPeriod(next.rent, lease.frequency, t, locale) });
}

function perPeriod(rent: Lease["rent"], frequency: Lease["frequency"], t: TFunction, locale: string): string {
  return t(`lease.rentPer.${frequency}`, { amount: formatMoney(rent.amount, rent.currency, locale) });
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
