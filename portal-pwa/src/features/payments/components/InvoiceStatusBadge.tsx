import { useTranslation } from "react-i18next";
import type { Invoice } from "../api/get-my-invoice";
import { invoiceStatus } from "../lib/wording";

/** "To pay", "Overdue", "Partly paid", "Paid": coloured, and in words (never colour alone). */
export function InvoiceStatusBadge({ invoice }: { invoice: Pick<Invoice, "state" | "overdue"> }) {
  const { t } = useTranslation();
  const { label, tone } = invoiceStatus(invoice, t);
  return <span className={`badge badge--money-${tone}`}>{label}</span>;
}
