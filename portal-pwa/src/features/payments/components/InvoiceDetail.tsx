import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDate, formatDateRange } from "@doorstep/web-shared/lib/format/date";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import type { Invoice } from "../api/get-my-invoice";
import { invoiceDescription, invoiceTitle, isPayable } from "../lib/wording";
import { InvoiceStatusBadge } from "./InvoiceStatusBadge";
import { ScheduledChargeNote } from "./ScheduledChargeNote";

export interface InvoiceDetailProps {
  invoice: Invoice;
  locale: string;
  /** The pay panel and the invoice's payments, below the figures. */
  children?: ReactNode;
}

/**
 * One invoice in full: which home it is for, its lines and total, the credit notes and payments
 * that reduced it, what is left to pay, its due date and whether it is overdue.
 */
export function InvoiceDetail({ invoice, locale, children }: InvoiceDetailProps) {
  const { t } = useTranslation();
  const money = (amount: number) => formatMoney(amount, invoice.currency, locale);
  const home = t("lease.home", { property: invoice.property_name, unit: invoice.unit_name });
  const dueDate = formatDate(invoice.due_date, locale);
  const overdue = invoice.overdue && isPayable(invoice);
  return (
    <article className="invoice-detail" aria-labelledby="invoice-title">
      <p className="back-link">
        <Link to="/payments">
          <span aria-hidden="true">←</span>
          {t("payments.invoice.back")}
        </Link>
      </p>
      <header className="page-header">
        <h1 id="invoice-title">{invoiceTitle(invoice, t)}</h1>
        <p className="invoice-detail__subtitle">
          <span>{invoiceDescription(invoice, t)}</span> <InvoiceStatusBadge invoice={invoice} />
        </p>
      </header>

      {overdue && <p className="note note--danger">{t("payments.invoice.overdueNote", { date: dueDate })}</p>}
      {invoice.state === "void" && <p className="note">{t("payments.invoice.voidNote")}</p>}
      {invoice.scheduled_charge != null && isPayable(invoice) && (
        <ScheduledChargeNote charge={invoice.scheduled_charge} locale={locale} />
      )}

      <div className="card invoice-amounts">
        <p className="invoice-amounts__label">{t("payments.invoice.outstanding")}</p>
        <p className="invoice-amounts__value">{money(Math.max(invoice.outstanding, 0))}</p>
        <p className={overdue ? "invoice-amounts__due invoice-amounts__due--overdue" : "invoice-amounts__due"}>
          {invoice.state === "paid"
            ? t("payments.invoice.paidInFull")
            : overdue
              ? t("payments.invoice.wasDueOn", { date: dueDate })
              : t("payments.invoice.dueOn", { date: dueDate })}
        </p>
      </div>

      {children}

      <section className="card" aria-labelledby="invoice-details-title">
        <h2 id="invoice-details-title" className="card__title">
          {t("payments.invoice.details")}
        </h2>
        <dl className="facts">
          <div className="facts__row">
            <dt>{t("payments.invoice.home")}</dt>
            <dd>{home}</dd>
          </div>
          {invoice.number !== null && (
            <div className="facts__row">
              <dt>{t("payments.invoice.number")}</dt>
              <dd>{invoice.number}</dd>
            </div>
          )}
          <div className="facts__row">
            <dt>{t("payments.invoice.status")}</dt>
            <dd>
              <InvoiceStatusBadge invoice={invoice} />
            </dd>
          </div>
          <div className="facts__row">
            <dt>{t("payments.invoice.issued")}</dt>
            <dd>{formatDate(invoice.issue_date, locale)}</dd>
          </div>
          <div className="facts__row">
            <dt>{t("payments.invoice.due")}</dt>
            <dd>{dueDate}</dd>
          </div>
          {invoice.period_start !== null && invoice.period_end !== null && (
            <div className="facts__row">
              <dt>{t("payments.invoice.period")}</dt>
              <dd>
                {formatDateRange(invoice.period_start, invoice.period_end, locale)}
              </dd>
            </div>
          )}
          {invoice.tenant_names.length > 0 && (
            <div className="facts__row">
              <dt>{t("payments.invoice.tenants")}</dt>
              <dd>{invoice.tenant_names.join(", ")}</dd>
            </div>
          )}
        </dl>
      </section>

      <section className="card" aria-labelledby="invoice-lines-title">
        <h2 id="invoice-lines-title" className="card__title">
          {t("payments.invoice.lines")}
        </h2>
        <table className="money-table">
          <thead>
            <tr>
              <th scope="col">{t("payments.invoice.line")}</th>
              <th scope="col" className="money-table__amount">
                {t("payments.invoice.lineAmount")}
              </th>
            </tr>
          </thead>
          <tbody>
            {invoice.lines.map((line, index) => (
              <tr key={index}>
                <td>{line.description}</td>
                <td className="money-table__amount">{money(line.amount)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="money-table__total">
              <th scope="row">{t("payments.invoice.total")}</th>
              <td className="money-table__amount">{money(invoice.total)}</td>
            </tr>
            {invoice.credited > 0 && (
              <tr>
                <th scope="row">{t("payments.invoice.credited")}</th>
                <td className="money-table__amount">−{money(invoice.credited)}</td>
              </tr>
            )}
            <tr>
              <th scope="row">{t("payments.invoice.paid")}</th>
              <td className="money-table__amount">{money(Math.max(invoice.paid, 0))}</td>
            </tr>
            <tr className="money-table__total">
              <th scope="row">{t("payments.invoice.outstanding")}</th>
              <td className="money-table__amount">{money(Math.max(invoice.outstanding, 0))}</td>
            </tr>
          </tfoot>
        </table>
      </section>
    </article>
  );
}
