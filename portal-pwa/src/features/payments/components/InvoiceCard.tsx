import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Invoice } from "../api/get-my-invoice";
import { invoiceAmountLine, invoiceDescription, invoiceDueLine, invoiceTitle } from "../lib/wording";
import { InvoiceStatusBadge } from "./InvoiceStatusBadge";

export interface InvoiceCardProps {
  invoice: Invoice;
  locale: string;
}

/**
 * One invoice in a list: number and what it is for (the link, stretched over the card), the home
 * it is for, the amount left to pay and the due date, and its status in words.
 */
export function InvoiceCard({ invoice, locale }: InvoiceCardProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const title = invoiceTitle(invoice, t);
  const description = invoiceDescription(invoice, t);
  return (
    <article className="card invoice-card" aria-labelledby={titleId}>
      <div className="invoice-card__top">
        <h3 className="invoice-card__title" id={titleId}>
          <Link to={`/payments/invoices/${invoice.id}`} className="invoice-card__link">
            <span className="invoice-card__number">{title}</span>{" "}
            <span className="invoice-card__description">{description}</span>
          </Link>
        </h3>
        <InvoiceStatusBadge invoice={invoice} />
      </div>
      <p className="invoice-card__home muted">{t("lease.home", { property: invoice.property_name, unit: invoice.unit_name })}</p>
      <p className="invoice-card__amount">{invoiceAmountLine(invoice, t, locale)}</p>
      <p className={invoice.overdue && invoice.state !== "paid" ? "invoice-card__due invoice-card__due--overdue" : "invoice-card__due"}>
        {invoiceDueLine(invoice, t, locale)}
      </p>
    </article>
  );
}
