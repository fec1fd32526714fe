import type { TFunction } from "i18next";
import { formatDate } from "@doorstep/web-shared/lib/format/date";
import type { Invoice } from "../api/list-invoices";

/** "Invoice 42", or "Draft invoice" before approval gives it a number. */
export function invoiceTitle(invoice: Pick<Invoice, "number">, t: TFunction): string {
  return invoice.number === null ? t("invoices.draftTitle") : t("invoices.numbered", { number: invoice.number });
}

/** "Rent, 1 Dec 2026 – 31 Dec 2026", "Deposit", "Fee"… */
export function invoiceSubject(invoice: Pick<Invoice, "kind" | "period_start" | "period_end">, t: TFunction, locale: string): string {
  const kind = t(`invoices.kind.${invoice.kind}`);
  if (invoice.period_start === null) return kind;
  const start = formatDate(invoice.period_start, locale);
  const end = invoice.period_end === null ? "" : formatDate(invoice.period_end, locale);
  return t("invoices.kindForPeriod", { kind, start, end });
}
