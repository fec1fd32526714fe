import { useEffect, useId } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { formatDate, formatInstantDate } from "@doorstep/web-shared/lib/format/date";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useMyPayments, type Payment } from "../api/get-my-payments";
import { ReceiptButton } from "./ReceiptButton";
import { LoadMore } from "@/components/LoadMore";

const STATUS_TONE: Record<Payment["status"], string> = { pending: "warning", succeeded: "success", failed: "danger" };

export interface PaymentItemProps {
  payment: Payment;
  locale: string;
  /** The lease's name, shown when the tenant pays on more than one lease. */
  leaseLabel?: string | undefined;
}

/** One payment: amount, status, method, date, what it paid, refunds and its receipt. */
export function PaymentItem({ payment, locale, leaseLabel }: PaymentItemProps) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const titleId = useId();
  const money = (amount: number) => formatMoney(amount, payment.currency, locale);
  const date =
    payment.received_on !== null
      ? t("payments.history.receivedOn", { date: formatDate(payment.received_on, locale) })
      : t("payments.history.madeOn", { date: formatInstantDate(payment.created_at, locale, dates.timeZone) });
  const refunded =
    payment.refunded <= 0
      ? null
      : payment.refunded >= payment.amount
        ? t("payments.history.fullyRefunded")
        : t("payments.history.partlyRefunded", { amount: money(payment.refunded) });
  const receiptUsable = payment.status === "succeeded" && payment.receipt_number !== null;

  return (
    // Its id is the target of links to one payment ("/payments/history#payment-<id>").
    <article className="card payment-item" aria-labelledby={titleId} id={`payment-${payment.id}`} tabIndex={-1}>
      <div className="payment-item__top">
        <h3 className="payment-item__amount" id={titleId}>
          {money(payment.amount)}
          <span className="visually-hidden">, {t(`payments.history.method.${payment.method}`)}, {date}</span>
        </h3>
        <span className={`badge badge--money-${STATUS_TONE[payment.status]}`}>{t(`payments.history.status.${payment.status}`)}</span>
      </div>
      <p className="payment-item__meta">
        {t(`payments.history.method.${payment.method}`)} · {date}
      </p>
      <dl className="facts facts--compact">
        {leaseLabel !== undefined && (
          <div className="facts__row">
            <dt>{t("payments.history.home")}</dt>
            <dd>{leaseLabel}</dd>
          </div>
        )}
        <div className="facts__row">
          <dt>{t("payments.history.allocations")}</dt>
          <dd>
            {payment.invoice_numbers.length > 0
              ? payment.invoice_numbers.map((number) => t("payments.history.allocation", { number })).join(", ")
              : payment.status === "succeeded"
                ? t("payments.history.notAllocated")
                : "—"}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t("payments.history.receipt")}</dt>
          <dd>
            {payment.receipt_number !== null
              ? t("payments.history.receiptNumber", { number: payment.receipt_number })
              : t("payments.history.noReceipt")}
          </dd>
        </div>
        {payment.reference !== null && payment.reference !== "" && (
          <div className="facts__row">
            <dt>{t("payments.history.reference")}</dt>
            <dd className="break">{payment.reference}</dd>
          </div>
        )}
        <div className="facts__row">
          <dt>{t("payments.history.payer")}</dt>
          <dd>{payment.payer_name}</dd>
        </div>
        {refunded !== null && (
          <div className="facts__row">
            <dt>{t("payments.history.refunded")}</dt>
            <dd>{refunded}</dd>
          </div>
        )}
      </dl>
      {receiptUsable && (
        <ReceiptButton paymentId={payment.id} receiptNumber={payment.receipt_number} fallbackDate={payment.received_on ?? payment.created_at.slice(0, 10)} />
      )}
    </article>
  );
}

export interface PaymentHistoryProps {
  locale: string;
  /** Lease names by lease id; shown on each payment when there is more than one lease. */
  leaseLabels: Readonly<Record<string, string>>;
}

/** The payment history, newest first, with "load more" (cursor pagination). */
export function PaymentHistory({ locale, leaseLabels }: PaymentHistoryProps) {
  const { t } = useTranslation();
  const payments = useMyPayments();
  const items = payments.data?.pages.flatMap((page) => page.items);
  const severalLeases = Object.keys(leaseLabels).length > 1 || (items !== undefined && new Set(items.map((item) => item.lease_id)).size > 1);
  const { hash } = useLocation();
  const count = items?.length ?? 0;

  // A link to one payment (from an accepted transfer proof): show it, and start reading there.
  useEffect(() => {
    if (!hash.startsWith("#payment-") || count === 0) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (target === null) return;
    if (typeof target.scrollIntoView === "function") target.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  }, [hash, count]);

  if (items === undefined) {
    return payments.isError ? <Alert>{describeProblem(payments.error, t).message}</Alert> : <p aria-busy="true">{t("app.loading")}</p>;
  }
  if (items.length === 0) {
    return (
      <div className="card empty-state">
        <p className="empty-state__title">{t("payments.history.empty")}</p>
      </div>
    );
  }
  return (
    <>
      <ul className="card-list">
        {items.map((payment) => (
          <li key={payment.id}>
            <PaymentItem
              payment={payment}
              locale={locale}
              leaseLabel={severalLeases ? (leaseLabels[payment.lease_id] ?? t("payments.balance.unknownLease")) : undefined}
            />
          </li>
        ))}
      </ul>
      <LoadMore query={payments} label={t("payments.loadMore")} busyLabel={t("payments.loadingMore")} />
    </>
  );
}
