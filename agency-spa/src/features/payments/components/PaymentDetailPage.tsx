import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { Details } from "@/components/ui/Details";
import { EditPanel } from "@/components/ui/EditPanel";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useMe } from "@/lib/auth/me";
import { useRole } from "@/lib/auth/permissions";
import { useLocale } from "@/lib/i18n/use-locale";
import { useDownloadReceipt } from "../api/download-receipt";
import { usePayment } from "../api/get-payment";
import type { Payment } from "../api/list-payments";
import type { Refund } from "../api/refund-payment";
import { AllocateCreditForm } from "./AllocateCreditForm";
import { movableAllocations } from "./move-allocation-form";
import { MoveAllocationForm } from "./MoveAllocationForm";
import { refundable } from "./refund-form";
import { RefundForm } from "./RefundForm";

function wasJustRecorded(state: unknown): boolean {
  return typeof state === "object" && state !== null && "recorded" in state && state.recorded === true;
}

export function PaymentDetailPage({ paymentId }: { paymentId: string }) {
  const { t } = useTranslation();
  const { data: payment, isPending, isError, error, refetch } = usePayment(paymentId);
  if (isPending) return <Loading />;
  if (isError) {
    return (
      <>
        <PageHeading>{t("payments.detailTitle")}</PageHeading>
        <LoadError item error={error} onRetry={() => void refetch()} />
      </>
    );
  }
  return <PaymentDetail payment={payment} />;
}

type Panel = "allocate" | "move" | "refund" | null;

function PaymentDetail({ payment }: { payment: Payment }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const location = useLocation();
  const { data: me } = useMe();
  const { can } = useRole();
  const canWrite = can("payments:write");
  const receipt = useDownloadReceipt(payment.id, payment.receipt_number);
  const [panel, setPanel] = useState<Panel>(null);
  const [notice, setNotice] = useState<string | null>(wasJustRecorded(location.state) ? t("payments.recorded") : null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const money = (amount: number) => formatMoney(amount, payment.currency, locale);
  const received = dates.date(payment.received_on ?? payment.created_at);
  const title = t("payments.detailTitleFor", { amount: money(payment.amount), tenant: payment.tenant_name });
  const succeeded = payment.status === "succeeded";
  const canAllocate = canWrite && succeeded && payment.unallocated > 0;
  const canRefund = canWrite && refundable(payment) > 0;
  const canMove = canWrite && movableAllocations(payment).length > 0;

  function closePanel(message: string | null) {
    setPanel(null);
    if (message !== null) setNotice(message);
    requestAnimationFrame(() => statusRef.current?.focus());
  }

  function refundDone(refund: Refund | null) {
    if (refund === null) {
      closePanel(null);
      return;
    }
    const amount = money(refund.amount);
    closePanel(
      refund.approval_id !== null && refund.approval_id !== undefined
        ? t("payments.refund.pending", { amount })
        : refund.status === "processing"
          ? t("payments.refund.processing", { amount })
          : t("payments.refund.done", { amount }),
    );
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/payments">{t("payments.back")}</Link>
      </p>
      <div className="page-header">
        <PageHeading documentTitle={title}>
          {title} <span className="page-heading__context">{received}</span>
        </PageHeading>
      </div>
      <p ref={statusRef} tabIndex={-1} className="lease-status">
        {t("payments.fields.status")}: <span className={`badge badge--payment-${payment.status}`}>{t(`payments.status.${payment.status}`)}</span>
      </p>
      <div role="status">{notice !== null && <p className="notice">{notice}</p>}</div>
      {payment.failure_reason !== null && <Alert tone="warning">{t("payments.failed", { reason: payment.failure_reason })}</Alert>}

      {panel === null && (
        <div className="actions" role="group" aria-label={t("payments.actions")}>
          {payment.receipt_number !== null && (
            <Button
              variant="secondary"
              busy={receipt.isPending}
              busyLabel={t("payments.receipt.downloading")}
              onClick={() => {
                receipt.mutate();
              }}
            >
              {t("payments.receipt.download", { number: payment.receipt_number })}
            </Button>
          )}
          {canAllocate && (
            <Button
              variant="secondary"
              onClick={() => {
                setNotice(null);
                setPanel("allocate");
              }}
            >
              {t("payments.allocation.open")}
            </Button>
          )}
          {canMove && (
            <Button
              variant="secondary"
              onClick={() => {
                setNotice(null);
                setPanel("move");
              }}
            >
              {t("payments.move.open")}
            </Button>
          )}
          {canRefund && (
            <Button
              variant="danger"
              onClick={() => {
                setNotice(null);
                setPanel("refund");
              }}
            >
              {t("payments.refund.open")}
            </Button>
          )}
        </div>
      )}
      {receipt.isError && <Alert>{describeProblem(receipt.error, t).message}</Alert>}

      {panel === "allocate" && (
        <EditPanel title={t("payments.allocation.title", { amount: money(payment.unallocated) })}>
          <AllocateCreditForm
            payment={payment}
            onDone={(allocated) => {
              closePanel(allocated ? t("payments.allocation.done") : null);
            }}
          />
        </EditPanel>
      )}
      {panel === "move" && (
        <EditPanel title={t("payments.move.title")}>
          <MoveAllocationForm
            payment={payment}
            onDone={(moved) => {
              closePanel(moved ? t("payments.move.done") : null);
            }}
          />
        </EditPanel>
      )}
      {panel === "refund" && (
        <EditPanel title={t("payments.refund.title")}>
          <RefundForm payment={payment} threshold={me?.agency.settings.approval_threshold ?? 0} onDone={refundDone} />
        </EditPanel>
      )}

      <section aria-labelledby="payment-summary-heading" className="card">
        <h2 id="payment-summary-heading">{t("payments.sections.summary")}</h2>
        <Details
          items={[
            { term: t("payments.fields.tenant"), description: <Link to={`/tenants/${payment.tenant_id}`}>{payment.tenant_name}</Link> },
            {
              term: t("payments.fields.lease"),
              description: (
                <Link to={`/leases/${payment.lease_id}`}>
                  {payment.unit_name} · {payment.property_name}
                </Link>
              ),
            },
            { term: t("payments.fields.method"), description: t(`payments.method.${payment.method}`) },
            { term: t("payments.fields.receivedOn"), description: received },
            { term: t("payments.fields.reference"), description: payment.reference ?? "—" },
            { term: t("payments.fields.recordedBy"), description: payment.recorded_by_name ?? t("payments.byGateway") },
            {
              term: t("payments.fields.receipt"),
              description: payment.receipt_number === null ? t("payments.noReceipt") : t("payments.receiptNumber", { number: payment.receipt_number }),
            },
            { term: t("payments.fields.recordedAt"), description: dates.instant(payment.created_at) },
          ]}
        />
        <h3 className="details-heading">{t("payments.sections.amounts")}</h3>
        <Details
          items={[
            { term: t("payments.fields.amount"), description: money(payment.amount) },
            { term: t("payments.fields.allocated"), description: money(payment.allocated) },
            { term: t("payments.fields.refunded"), description: money(payment.refunded) },
            { term: t("payments.fields.unallocated"), description: <strong>{money(payment.unallocated)}</strong> },
          ]}
        />
        {payment.unallocated > 0 && succeeded && <p className="muted">{t("payments.creditNote", { amount: money(payment.unallocated) })}</p>}
      </section>

      <section aria-labelledby="payment-allocations-heading" className="section">
        <h2 id="payment-allocations-heading">{t("payments.sections.allocations")}</h2>
        {payment.allocations.length === 0 ? (
          <p className="empty">{t("payments.noAllocations")}</p>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">{t("payments.sections.allocations")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("payments.fields.invoice")}</th>
                  <th scope="col">{t("payments.fields.when")}</th>
                  <th scope="col" className="table__number">
                    {t("payments.fields.amount")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {payment.allocations.map((allocation, index) => (
                  <tr key={`${allocation.invoice_id}-${allocation.created_at}-${index}`}>
                    <th scope="row">
                      <Link to={`/invoices/${allocation.invoice_id}`}>
                        {allocation.invoice_number === null ? t("invoices.draftTitle") : t("invoices.numbered", { number: allocation.invoice_number })}
                      </Link>
                      {allocation.move_id !== null && allocation.move_id !== undefined ? (
                        <span className="table__sub muted">
                          {t(allocation.amount < 0 ? "payments.move.movedAway" : "payments.move.movedHere", {
                            name: allocation.moved_by_name ?? "—",
                            reason: allocation.move_reason ?? "",
                          })}
                        </span>
                      ) : (
                        allocation.amount < 0 && <span className="table__sub muted">{t("payments.reversal")}</span>
                      )}
                    </th>
                    <td>{dates.instant(allocation.created_at)}</td>
                    <td className="table__number">{money(allocation.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="payment-refunds-heading" className="section">
        <h2 id="payment-refunds-heading">{t("payments.sections.refunds")}</h2>
        {payment.refunds.length === 0 ? (
          <p className="empty">{t("payments.noRefunds")}</p>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">{t("payments.sections.refunds")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("payments.fields.when")}</th>
                  <th scope="col">{t("payments.refund.reason")}</th>
                  <th scope="col">{t("payments.fields.status")}</th>
                  <th scope="col" className="table__number">
                    {t("payments.fields.amount")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {payment.refunds.map((refund) => (
                  <tr key={refund.id}>
                    <th scope="row">{dates.instant(refund.created_at)}</th>
                    <td className="pre-line">{refund.reason}</td>
                    <td>
                      <span className={`badge badge--refund-${refund.status}`}>{t(`payments.refundStatus.${refund.status}`)}</span>
                      {refund.status === "pending_approval" && (
                        <span className="table__sub">
                          <Link to="/approvals">{t("payments.refund.inInbox")}</Link>
                        </span>
                      )}
                    </td>
                    <td className="table__number">{money(refund.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
