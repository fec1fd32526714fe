import type { TFunction } from "i18next";
import type { DateFormat } from "@doorstep/web-shared/lib/format/date";
import type { Invoice } from "../api/list-invoices";

/** "Invoice 42", or "Draft invoice" before approval gives it a number. */
export function invoiceTitle(invoice: Pick<Invoice, "number">, t: TFunction): string {
  return invoice.number === null ? t("invoices.draftTitle") : t("invoices.numbered", { number: invoice.number });
}

/** "Rent, 1–31 December 2026", "Rent, from 1 December 2026", "Deposit", "Fee"… */
export function invoiceSubject(invoice: Pick<Invoice, "kind" | "period_start" | "period_end">, t: TFunction, dates: DateFormat): string {
  const kind = t(`invoices.kind.${invoice.kind}`);
  if (invoice.period_start === null) return kind;
  if (invoice.period_end === null) return t("invoices.kindFrom", { kind, start: dates.date(invoice.period_start) });
  return t("invoices.kindForPeriod", { kind, period: dates.range(invoice.period_start, invoice.period_end) });
}
