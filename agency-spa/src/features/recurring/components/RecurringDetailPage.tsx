import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useRole } from "@/lib/auth/permissions";
import { useLocale } from "@/lib/i18n/use-locale";
import { useCancelRecurringPayment, useRecurringPayment } from "../api/recurring";

/** /recurring-payments/:setupId: the set-up, its charge history, and cancel. */
export function RecurringDetailPage({ setupId }: { setupId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const { can } = useRole();
  const setup = useRecurringPayment(setupId);
  const cancel = useCancelRecurringPayment();
  const [confirming, setConfirming] = useState(false);

  if (setup.isPending) return <Loading />;
  if (setup.isError) return <LoadError error={setup.error} onRetry={() => void setup.refetch()} item />;
  const data = setup.data;
  const charges = [...data.charges].sort((a, b) => b.due_date.localeCompare(a.due_date));

  return (
    <>
      <p className="back-link">
        <Link to="/recurring-payments">{t("recurring.back")}</Link>
      </p>
      <div className="page-header">
        <PageHeading>{t("recurring.detailTitle", { tenant: data.tenant_name })}</PageHeading>
        {data.status === "active" && can("payments:write") && (
          <Button variant="danger" onClick={() => { cancel.reset(); setConfirming(true); }}>
            {t("recurring.cancel")}
          </Button>
        )}
      </div>
      <dl className="facts">
        <div className="facts__row">
          <dt>{t("recurring.fields.lease")}</dt>
          <dd>
            <Link to={`/leases/${data.lease_id}`}>{data.place}</Link>
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t("recurring.fields.status")}</dt>
          <dd>
            {t(`recurring.status.${data.status}`)}
            {data.ended_at !== null && ` — ${dates.instant(data.ended_at)}`}
            {data.end_reason !== null && ` (${data.end_reason})`}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t("recurring.fields.method")}</dt>
          <dd>{data.payment_method_label}</dd>
        </div>
        <div className="facts__row">
          <dt>{t("recurring.fields.agreedAmount")}</dt>
          <dd>{formatMoney(data.agreed_amount.amount, data.agreed_amount.currency, locale)}</dd>
        </div>
        <div className="facts__row">
          <dt>{t("recurring.fields.authorised")}</dt>
          <dd>{t("recurring.authorisedWith", { date: dates.instant(data.authorised_at), version: data.authorisation_version })}</dd>
        </div>
        <div className="facts__row">
          <dt>{t("recurring.fields.coversFrom")}</dt>
          <dd>{dates.date(data.covers_invoices_from)}</dd>
        </div>
      </dl>
      <section aria-labelledby="charges-title">
        <h2 id="charges-title">{t("recurring.historyTitle")}</h2>
        {charges.length === 0 ? (
          <p className="empty">{t("recurring.noCharges")}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("recurring.fields.invoice")}</th>
                <th scope="col">{t("recurring.fields.dueDate")}</th>
                <th scope="col">{t("recurring.fields.chargeOn")}</th>
                <th scope="col" className="table__number">
                  {t("recurring.fields.amount")}
                </th>
                <th scope="col">{t("recurring.fields.result")}</th>
              </tr>
            </thead>
            <tbody>
              {charges.map((charge) => (
                <tr key={charge.id}>
                  <td>
                    <Link to={`/invoices/${charge.invoice_id}`}>
                      {charge.invoice_number === null ? t("recurring.invoice") : t("recurring.invoiceNumber", { number: charge.invoice_number })}
                    </Link>
                  </td>
                  <td>{dates.date(charge.due_date)}</td>
                  <td>{charge.charge_on === null ? "—" : dates.date(charge.charge_on)}</td>
                  <td className="table__number">{charge.amount === null ? t("recurring.amountPending") : formatMoney(charge.amount.amount, charge.amount.currency, locale)}</td>
                  <td>
                    {t(`recurring.chargeStatus.${charge.status}`)}
                    {charge.failure_kind !== null && <span className="table__sub muted">{t(`recurring.failure.${charge.failure_kind}`)}</span>}
                    {charge.failure_reason !== null && <span className="table__sub muted">{charge.failure_reason}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <ConfirmDialog
        open={confirming}
        title={t("recurring.cancelTitle")}
        confirmLabel={t("recurring.cancelYes")}
        cancelLabel={t("recurring.cancelNo")}
        busy={cancel.isPending}
        busyLabel={t("recurring.cancelling")}
        error={cancel.isError ? describeProblem(cancel.error, t).message : undefined}
        danger
        onCancel={() => { setConfirming(false); }}
        onConfirm={() => { cancel.mutate(data.id, { onSuccess: () => { setConfirming(false); } }); }}
      >
        <p>{t("recurring.cancelBody", { tenant: data.tenant_name })}</p>
      </ConfirmDialog>
    </>
  );
}
