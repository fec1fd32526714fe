import { useTranslation } from "react-i18next";
import type { Invoice } from "../api/list-invoices";

/** The invoice's state as a badge, and "Overdue" beside it when it is; colours only repeat the words. */
export function InvoiceStateBadge({ invoice }: { invoice: Pick<Invoice, "state" | "overdue"> }) {
  const { t } = useTranslation();
  return (
    <span className="badges">
      <span className={`badge badge--invoice-${invoice.state}`}>{t(`invoices.state.${invoice.state}`)}</span>
      {invoice.overdue && <span className="badge badge--overdue">{t("invoices.overdue")}</span>}
    </span>
  );
}
