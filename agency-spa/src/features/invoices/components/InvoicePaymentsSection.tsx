import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useLocale } from "@/lib/i18n/use-locale";
import { allocatedTo, movesOn, useInvoicePayments } from "../api/list-invoice-payments";
import type { Invoice } from "../api/list-invoices";

/** The payments allocated to this invoice: when, how, who paid, the receipt, and how much of it went here. */
export function InvoicePaymentsSection({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const payments = useInvoicePayments(invoice.id);
  const money = (amount: number) => formatMoney(amount, invoice.currency, locale);

  return (
    <section aria-labelledby="invoice-payments-heading" className="section">
      <h2 id="invoice-payments-heading">{t("invoices.sections.payments")}</h2>
      {payments.isPending ? (
        <Loading />
      ) : payments.isError ? (
        <LoadError error={payments.error} onRetry={() => void payments.refetch()} />
      ) : payments.data.items.length === 0 ? (
        <p className="empty">{t("invoices.noPayments")}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{t("invoices.sections.payments")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("invoices.payment.received")}</th>
                <th scope="col">{t("invoices.payment.method")}</th>
                <th scope="col">{t("invoices.payment.payer")}</th>
                <th scope="col">{t("invoices.payment.reference")}</th>
                <th scope="col">{t("invoices.payment.receipt")}</th>
                <th scope="col" className="table__number">
                  {t("invoices.payment.allocated")}
                </th>
              </tr>
            </thead>
            <tbody>
              {payments.data.items.map((payment) => (
                <tr key={payment.id}>
                  <th scope="row">
                    <Link to={`/payments/${payment.id}`}>{dates.date(payment.received_on ?? payment.created_at)}</Link>
                    <span className="table__sub muted">{t("invoices.payment.of", { amount: money(payment.amount) })}</span>
                  </th>
                  <td>{t(`payments.method.${payment.method}`)}</td>
                  <td>{payment.tenant_name}</td>
                  <td>{payment.reference ?? "—"}</td>
                  <td>{payment.receipt_number === null ? "—" : t("payments.receiptNumber", { number: payment.receipt_number })}</td>
                  <td className="table__number">
                    {money(allocatedTo(payment, invoice.id))}
                    {movesOn(payment, invoice.id).map((move, index) => (
                      <span key={`${move.move_id ?? ""}-${index}`} className="table__sub muted">
                        {t(move.amount < 0 ? "payments.move.movedAwayAmount" : "payments.move.movedHereAmount", {
                          amount: money(Math.abs(move.amount)),
                          name: move.moved_by_name ?? "—",
                          reason: move.move_reason ?? "",
                        })}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
