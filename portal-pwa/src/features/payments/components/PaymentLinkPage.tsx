import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { ApiError, describeProblem, isNetworkError, problemSlug } from "@doorstep/web-shared/lib/api/problem";
import { formatDate, formatDateRange, formatInstant } from "@doorstep/web-shared/lib/format/date";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useOnline } from "@/lib/offline";
import { loadStripeJs, type StripeLoader } from "@/lib/stripe/stripe-js";
import { payByLink, paymentLinkQueryKey, paymentLinkQueryOptions, startLinkCardSetup, usePaymentLink } from "../api/pay-link";
import { usePayFlow } from "../lib/use-pay-flow";
import { CardPaymentForm } from "./CardPaymentForm";

const SETTLING_POLL_MS = 2_000;

export interface PaymentLinkPageProps {
  token: string;
  locale: string;
  loadStripe?: StripeLoader;
}

function Message({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card pay-link__message" aria-labelledby="pay-link-message">
      <h2 id="pay-link-message" className="card__title">
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * The public page behind a payment link (/portal/pay/{token}), for whoever holds the link, signed
 * in or not: what is asked (agency, invoice, amount, due date), a card form, and the result.
 * Expired, paid, unknown or switched-off links get a message saying so.
 */
export function PaymentLinkPage({ token, locale, loadStripe = loadStripeJs }: PaymentLinkPageProps) {
  const { t } = useTranslation();
  const online = useOnline();
  const queryClient = useQueryClient();
  const link = usePaymentLink(token);
  const [flow, snapshot] = usePayFlow(() => ({
    startSetup: () => startLinkCardSetup(token),
    pay: (paymentMethodId, key) => payByLink(token, paymentMethodId, key),
    loadStripe,
    onMoneyMoved: () => void queryClient.invalidateQueries({ queryKey: paymentLinkQueryKey(token) }),
  }));
  const settling = snapshot.status === "processing" && link.data?.payable === true;
  useQuery({ ...paymentLinkQueryOptions(token), refetchInterval: settling ? SETTLING_POLL_MS : false });

  const result = snapshot.result;
  const agency = link.data?.agency_name ?? "";

  let body: ReactNode;
  if (snapshot.status === "succeeded" || (snapshot.status === "processing" && link.data?.payable === false && result !== null)) {
    body = (
      <div className="pay-result pay-result--success" role="status">
        <p className="pay-result__title">{t("payments.pay.succeededTitle")}</p>
        {result !== null && <p>{t("payments.link.succeeded", { amount: formatMoney(result.amount, result.currency, locale), agency })}</p>}
        {result?.receipt_number !== null && result?.receipt_number !== undefined && (
          <p>{t("payments.link.receipt", { number: result.receipt_number })}</p>
        )}
      </div>
    );
  } else if (snapshot.status === "processing") {
    body = (
      <div className="pay-result" role="status">
        <p className="pay-result__title">{t("payments.pay.processingTitle")}</p>
        <p>{t("payments.pay.processing")}</p>
      </div>
    );
  } else if (link.data === undefined) {
    if (!link.isError) {
      body = <p aria-busy="true">{t("app.loading")}</p>;
    } else if (isNetworkError(link.error) || !online) {
      body = (
        <Message title={t("payments.link.offlineTitle")}>
          <p>{t("payments.link.offline")}</p>
          <Button variant="secondary" onClick={() => void link.refetch()}>
            {t("payments.link.retry")}
          </Button>
        </Message>
      );
    } else if (link.error instanceof ApiError && link.error.status === 404) {
      body = (
        <Message title={t("payments.link.unknownTitle")}>
          <p>{t("payments.link.unknown")}</p>
        </Message>
      );
    } else if (link.error instanceof ApiError && link.error.status === 410) {
      body = (
        <Message title={t("payments.link.expiredTitle")}>
          <p>{t("payments.link.expired")}</p>
        </Message>
      );
    } else if (problemSlug(link.error) === "feature-not-enabled") {
      body = (
        <Message title={t("payments.link.notEnabledTitle")}>
          <p>{t("payments.link.notEnabled")}</p>
        </Message>
      );
    } else if (link.error instanceof ApiError && link.error.status === 429) {
      body = (
        <Message title={t("payments.link.tooManyTitle")}>
          <p>{t("payments.link.tooMany")}</p>
        </Message>
      );
    } else {
      body = <Alert>{describeProblem(link.error, t).message}</Alert>;
    }
  } else {
    const data = link.data;
    const amount = formatMoney(data.amount_due, data.currency, locale);
    body = (
      <>
        <section className="card pay-link__invoice" aria-labelledby="pay-link-invoice">
          <h2 id="pay-link-invoice" className="card__title">
            {t("payments.link.from", { agency: data.agency_name })}
          </h2>
          <dl className="facts">
            <div className="facts__row">
              <dt>{t("payments.link.home")}</dt>
              <dd>{`${data.property_name}, ${data.unit_name}`}</dd>
            </div>
            <div className="facts__row">
              <dt>{t("payments.link.address")}</dt>
              <dd>{data.property_address}</dd>
            </div>
            {data.period_start !== null && data.period_end !== null && (
              <div className="facts__row">
                <dt>{t("payments.link.period")}</dt>
                <dd>
                  {formatDateRange(data.period_start, data.period_end, locale)}
                </dd>
              </div>
            )}
            <div className="facts__row">
              <dt>{t("payments.link.reference")}</dt>
              <dd>
                {data.invoice_number === null ? data.reference : t("payments.invoice.title", { number: data.invoice_number })}
              </dd>
            </div>
            {data.payable && (
              <div className="facts__row">
                <dt>{t("payments.link.amount")}</dt>
                <dd className="pay-link__amount">{amount}</dd>
              </div>
            )}
            <div className="facts__row">
              <dt>{t("payments.link.due")}</dt>
              <dd>{formatDate(data.due_date, locale)}</dd>
            </div>
          </dl>
        </section>
        {!data.payable ? (
          <Message title={t("payments.link.paidTitle")}>
            <p>
              {data.state === "paid"
                ? t("payments.link.paid")
                : t("payments.link.notPayable", { state: t(`payments.invoice.state.${data.state}`) })}
            </p>
          </Message>
        ) : !online ? (
          <Alert tone="info">{t("payments.pay.offline")}</Alert>
        ) : (
          <section className="card pay-panel" aria-labelledby="pay-title">
            <h2 id="pay-title" className="card__title">
              {t("payments.pay.title")}
            </h2>
            <p>
              {t("payments.pay.summaryLink", {
                amount,
                invoice: data.invoice_number === null ? data.reference : t("payments.invoice.title", { number: data.invoice_number }),
                agency: data.agency_name,
              })}
            </p>
            <CardPaymentForm flow={flow} snapshot={snapshot} amount={amount} />
            <p className="field__hint">{t("payments.link.expires", { date: formatInstant(data.expires_at, locale, data.agency_timezone) })}</p>
          </section>
        )}
      </>
    );
  }

  return (
    <div className="pay-link">
      <h1>{t("payments.link.title")}</h1>
      <div className="stack-lg">{body}</div>
      <p className="muted small">
        <Link to="/login">{t("payments.link.signIn")}</Link>
      </p>
    </div>
  );
}
