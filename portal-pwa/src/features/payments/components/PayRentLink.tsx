import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMyInvoices } from "../api/get-my-invoices";
import { oldestOpenInvoice } from "../lib/wording";

export interface PayRentLinkProps {
  leaseId: string;
  /** The rent's due date ("YYYY-MM-DD"). */
  dueDate: string;
}

/**
 * The "next rent due" card's way to pay: the open invoice of that lease for that due date, or,
 * when older rent is still owed on the lease, the oldest open invoice first. Before the invoice
 * for the coming rent is issued, it says so and links to the payments area.
 */
export function PayRentLink({ leaseId, dueDate }: PayRentLinkProps) {
  const { t } = useTranslation();
  const open = useMyInvoices("to-pay");
  if (open.data === undefined) return null;
  const invoices = open.data.pages.flatMap((page) => page.items).filter((invoice) => invoice.lease_id === leaseId);
  const oldest = oldestOpenInvoice(invoices, leaseId);
  if (oldest === undefined) {
    return <p className="next-due__action muted">{t("payments.nextDue.notIssued")}</p>;
  }
  const exact = oldest.due_date >= dueDate ? invoices.find((invoice) => invoice.due_date === dueDate) : undefined;
  const target = exact ?? oldest;
  return (
    <p className="next-due__action">
      <Link to={`/payments/invoices/${target.id}`} className="button button--primary">
        {exact !== undefined ? t("payments.nextDue.pay") : t("payments.nextDue.payOverdue")}
      </Link>
    </p>
  );
}
