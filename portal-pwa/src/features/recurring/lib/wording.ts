import type { TFunction } from "i18next";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import type { RecurringSetup, ScheduledCharge } from "../api/recurring";

/** Charges still to come: not yet settled, skipped or cancelled. */
const UPCOMING: readonly ScheduledCharge["status"][] = ["scheduled", "reminded", "charging", "processing", "unknown"];

export function upcomingCharges(setup: RecurringSetup): ScheduledCharge[] {
  return setup.charges.filter((charge) => UPCOMING.includes(charge.status)).sort((a, b) => a.due_date.localeCompare(b.due_date));
}

export function pastCharges(setup: RecurringSetup): ScheduledCharge[] {
  return setup.charges.filter((charge) => !UPCOMING.includes(charge.status)).sort((a, b) => b.due_date.localeCompare(a.due_date));
}

/** The amount is known once the reminder froze it; before that, the agreed rent is what is expected. */
export function chargeAmount(charge: ScheduledCharge, setup: RecurringSetup, t: TFunction, locale: string): string {
  if (charge.amount !== null) return formatMoney(charge.amount.amount, charge.amount.currency, locale);
  return t("recurring.expectedAmount", { amount: formatMoney(setup.agreed_amount.amount, setup.agreed_amount.currency, locale) });
}

/** IBAN as typed, without spaces and upper-cased, the way banks print it. */
export function normaliseIban(value: string): string {
  return value.replace(/\s+/gu, "").toUpperCase();
}
