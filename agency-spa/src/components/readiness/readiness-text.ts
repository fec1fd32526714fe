import type { TFunction } from "i18next";
import type { DateFormat } from "@doorstep/web-shared/lib/format/date";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import type { ChecklistItem } from "@/lib/api/readiness";

const MONEY_PARAMS = ["amount", "expected", "outstanding", "overdue"] as const;
const DATE_PARAMS = ["next_due", "start_date", "end_date", "period_start"] as const;
const WAYS = ["card", "transfer", "recurring_card", "recurring_sepa_debit"] as const;
type WayToPay = (typeof WAYS)[number];
const WAYS_TO_PAY: ReadonlySet<string> = new Set(WAYS);


const SETTINGS_SECTION_OF: Partial<Record<string, string>> = {
  payment_method: "/settings/trust-account",
  integration: "/settings/features",
};

/**
 * Where an item's "fix it" link goes in this app. A settings fix lands on the section that holds
 * it: no way to pay is fixed with the trust account's bank details (or card payments), the
 * integration items with the feature switches.
 */
export function fixPath({ fix, key }: Pick<ChecklistItem, "fix" | "key">): string | undefined {
  if (fix === null) return undefined;
  if (fix.kind === "settings") {
    return SETTINGS_SECTION_OF[key] ?? "/settings";
  }
  if (fix.id === null) return undefined;
  const base = { tenant: "/tenants", lease: "/leases", invoice: "/invoices" }[fix.kind];
  return base === undefined ? undefined : `${base}/${fix.id}`;
}

/**
 * An item's sentence in the reader's language: the API's `code` names the sentence and `params`
 * its values (amounts in minor units, ISO dates), formatted here with Intl. A code this app does
 * not know yet falls back to the API's English sentence.
 */
export function itemSentence(item: ChecklistItem, t: TFunction, i18nExists: (key: string) => boolean, locale: string, dates: DateFormat): string {
  const key = `readiness.codes.${item.code}`;
  if (!i18nExists(key)) return item.message;
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(item.params)) {
    if (value !== null) params[name] = value;
  }
  const currency = typeof item.params.currency === "string" ? item.params.currency : undefined;
  for (const name of MONEY_PARAMS) {
    const value = item.params[name];
    if (typeof value === "number" && currency !== undefined) params[name] = formatMoney(value, currency, locale);
  }
  for (const name of DATE_PARAMS) {
    const value = item.params[name];
    if (typeof value === "string") params[name] = dates.date(value);
  }
  const frequency = item.params.frequency;
  if (frequency === "weekly" || frequency === "fortnightly" || frequency === "monthly") {
    params.frequency = t(`readiness.frequency.${frequency}`);
  }
  const methods = item.params.methods;
  if (typeof methods === "string") {
    params.methods = methods
      .split(",")
      .map((method) => (WAYS_TO_PAY.has(method) ? t(`readiness.methods.${method as WayToPay}`) : method))
      .join(", ");
  }
  const status = item.params.status;
  if (status === "draft" || status === "active" || status === "ended" || status === "cancelled") {
    params.status = t(`leases.status.${status}`).toLowerCase();
  }
  return t(key as "readiness.title", params);
}

