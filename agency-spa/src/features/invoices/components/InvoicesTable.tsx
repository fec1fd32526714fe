import type { Ref } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useLocale } from "@/lib/i18n/use-locale";
import type { Invoice } from "../api/list-invoices";
import { invoiceSubject, invoiceTitle } from "./invoice-labels";
import { InvoiceStateBadge } from "./InvoiceStateBadge";

export interface InvoicesTableProps {
  invoices: Invoice[];
  caption: string;
  busy?: boolean;
  ref?: Ref<HTMLTableElement>;
}

/**
 * Invoices with what staff look for: number and what it is for, tenants, lease, due date, total,
 * what is still outstanding (as the API derives it) and the state. Each row links to the invoice.
 */
export function InvoicesTable({ invoices, caption, busy = false, ref }: InvoicesTableProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const money = (amount: number, currency: string) => formatMoney(amount, currency, locale);
  return (
    <div className="table-scroll">
      <table ref={ref} className="table" aria-busy={busy || undefined}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("invoices.fields.number")}</th>
            <th scope="col">{t("invoices.fields.tenants")}</th>
            <th scope="col">{t("invoices.fields.lease")}</th>
            <th scope="col">{t("invoices.fields.dueDate")}</th>
            <th scope="col" className="table__number">
              {t("invoices.fields.total")}
            </th>
            <th scope="col" className="table__number">
              {t("invoices.fields.outstanding")}
            </th>
            <th scope="col">{t("invoices.fields.state")}</th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((invoice) => (
            <tr key={invoice.id}>
              <th scope="row">
                <Link to={`/invoices/${invoice.id}`}>{invoiceTitle(invoice, t)}</Link>
                <span className="table__sub muted">{invoiceSubject(invoice, t, dates)}</span>
              </th>
              <td>{invoice.tenant_names.join(", ")}</td>
              <td>
                {invoice.unit_name} · {invoice.property_name}
              </td>
              <td>{dates.date(invoice.due_date)}</td>
              <td className="table__number">{money(invoice.total, invoice.currency)}</td>
              <td className="table__number">{money(invoice.outstanding, invoice.currency)}</td>
              <td>
                <InvoiceStateBadge invoice={invoice} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
