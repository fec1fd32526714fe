import type { Ref } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useLocale } from "@/lib/i18n/use-locale";
import type { Payment } from "../api/list-payments";

export interface PaymentsTableProps {
  payments: Payment[];
  caption: string;
  busy?: boolean;
  ref?: Ref<HTMLTableElement>;
}

/**
 * Payments: when the money arrived, who paid, for which lease, how, with what reference, who
 * recorded it, the receipt, the amount and what of it is still unallocated credit.
 */
export function PaymentsTable({ payments, caption, busy = false, ref }: PaymentsTableProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  return (
    <div className="table-scroll">
      <table ref={ref} className="table" aria-busy={busy || undefined}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("payments.fields.receivedOn")}</th>
            <th scope="col">{t("payments.fields.tenant")}</th>
            <th scope="col">{t("payments.fields.lease")}</th>
            <th scope="col">{t("payments.fields.method")}</th>
            <th scope="col">{t("payments.fields.reference")}</th>
            <th scope="col">{t("payments.fields.recordedBy")}</th>
            <th scope="col">{t("payments.fields.receipt")}</th>
            <th scope="col" className="table__number">
              {t("payments.fields.amount")}
            </th>
            <th scope="col" className="table__number">
              {t("payments.fields.unallocated")}
            </th>
          </tr>
        </thead>
        <tbody>
          {payments.map((payment) => (
            <tr key={payment.id}>
              <th scope="row">
                <Link to={`/payments/${payment.id}`}>{dates.date(payment.received_on ?? payment.created_at)}</Link>
                {payment.status !== "succeeded" && <span className="table__sub">{t(`payments.status.${payment.status}`)}</span>}
              </th>
              <td>{payment.tenant_name}</td>
              <td>
                {payment.unit_name} · {payment.property_name}
              </td>
              <td>{t(`payments.method.${payment.method}`)}</td>
              <td>{payment.reference ?? "—"}</td>
              <td>{payment.recorded_by_name ?? t("payments.byGateway")}</td>
              <td>{payment.receipt_number === null ? "—" : t("payments.receiptNumber", { number: payment.receipt_number })}</td>
              <td className="table__number">
                {formatMoney(payment.amount, payment.currency, locale)}
                {payment.refunded > 0 && (
                  <span className="table__sub muted">{t("payments.refundedAmount", { amount: formatMoney(payment.refunded, payment.currency, locale) })}</span>
                )}
              </td>
              <td className="table__number">{formatMoney(payment.unallocated, payment.currency, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
