import { useTranslation } from "react-i18next";
import { useDateFormat } from "@/lib/format/use-date-format";
import type { Invoice } from "../api/list-invoices";

type BadgeInvoice = Pick<Invoice, "state" | "overdue"> & Partial<Pick<Invoice, "scheduled_charge">>;

/**
 * The invoice's state as a badge, "Overdue" beside it when it is, and "Recurring charge on D" when
 * the tenant's recurring payment will take it (seed 003: possibly after the due date, so it is
 * not chased); colours only repeat the words.
 */
export function InvoiceStateBadge({ invoice }: { invoice: BadgeInvoice }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const charge = invoice.scheduled_charge;
  return (
    <span className="badges">
      <span className={`badge badge--invoice-${invoice.state}`}>{t(`invoices.state.${invoice.state}`)}</span>
      {invoice.overdue && <span className="badge badge--overdue">{t("invoices.overdue")}</span>}
      {charge != null && (
        <span className="badge badge--recurring-charge" title={t("invoices.recurringChargeHint")}>
          {t("invoices.recurringCharge", { date: dates.date(charge.charge_on) })}
        </span>
      )}
    </span>
  );
}
