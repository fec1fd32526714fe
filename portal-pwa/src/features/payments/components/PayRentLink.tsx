import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useMyInvoices } from "../api/get-my-invoices";
import { oldestOpenInvoice } from "../lib/wording";
import { ScheduledChargeNote } from "./ScheduledChargeNote";

export interface PayRentLinkProps {
  leaseId: string;
  /** The rent's due date ("YYYY-MM-DD"). */
  dueDate: string;
  locale: string;
}

/**
 * The "next rent due" card's way to pay, saying what it opens: "Pay this rent (€950.00)" for the
 * open invoice of that lease for that due date, or, when older money is still owed on the lease,
 * "Pay invoice 43 first (€45.00)". Before the invoice for the coming rent is issued, it says so;
 * when the recurring payment will take that invoice, it says when and from which card instead.
 */
export function PayRentLink({ leaseId, dueDate, locale }: PayRentLinkProps) {
  const { t } = useTranslation();
  const open = useMyInvoices("to-pay");
  if (open.data === undefined) return null;
  const invoices = open.data.pages.flatMap((page) => page.items).filter((invoice) => invoice.lease_id === leaseId);
  const oldest = oldestOpenInvoice(invoices, leaseId);
  if (oldest === undefined) {
    return <p className="next-due__action muted">{t("payments.nextDue.notIssued")}</p>;
  }
  const exact = oldest.due_date >= dueDate ? invoices.find((invoice) => invoice.due_date === dueDate && invoice.outstanding > 0) : undefined;
  const target = exact ?? oldest;
  if (target.scheduled_charge != null) {
    // The recurring payment will take it: inviting a manual payment could make it paid twice.
    return (
      <div className="next-due__action">
        <ScheduledChargeNote charge={target.scheduled_charge} locale={locale} />
        <Link to={`/payments/invoices/${target.id}`}>{t("payments.scheduled.seeInvoice")}</Link>
      </div>
    );
  }
  const amount = formatMoney(target.outstanding, target.currency, locale);
  return (
    <p className="next-due__action">
      <Link to={`/payments/invoices/${target.id}`} className="button button--primary">
        {exact !== undefined ? t("payments.nextDue.pay", { amount }) : t("payments.nextDue.payOverdue", { number: target.number ?? "", amount })}
      </Link>
    </p>
  );
}
