import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { describeProblem, problemSlug } from "@doorstep/web-shared/lib/api/problem";
import { formatDate } from "@doorstep/web-shared/lib/format/date";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useReadOnly } from "@/lib/offline";
import { loadStripeJs, type StripeLoader } from "@/lib/stripe/stripe-js";
import { balanceQueryKey } from "../api/get-my-balance";
import { cardsQueryKey, useMyCards } from "../api/get-my-cards";
import { invoiceQueryOptions, type Invoice } from "../api/get-my-invoice";
import { paymentsQueryKey } from "../api/get-my-payments";
import { payMyInvoice, startCardSetup } from "../api/pay-my-invoice";
import { usePayFlow } from "../lib/use-pay-flow";
import { invoiceTitle, isPayable } from "../lib/wording";
import { CardPaymentForm } from "./CardPaymentForm";
import { CardPaymentsNotAvailable } from "@/components/CardPaymentsNotAvailable";
import { ReceiptButton } from "./ReceiptButton";

/** While a payment settles (3-D Secure done, or pending at the card processor): ask this often. */
const SETTLING_POLL_MS = 2_000;

export interface PayPanelProps {
  invoice: Invoice;
  locale: string;
  /** Tests pass a fake Stripe.js; the app loads the real one (or localstripe's) by URL. */
  loadStripe?: StripeLoader;
}

/**
 * "Pay now" on one of the tenant's invoices: the amount and the home it is for (a tenant on two
 * leases must not pay the wrong one), the saved cards or a new card, and the outcome: paid with a
 * receipt, being confirmed, or refused with the reason. Offline it only says that paying needs a
 * connection; for an agency without card payments it says they are not available.
 */
export function PayPanel({ invoice, locale, loadStripe = loadStripeJs }: PayPanelProps) {
  const { t } = useTranslation();
  const readOnly = useReadOnly();
  const queryClient = useQueryClient();
  const payable = isPayable(invoice);
  const cards = useMyCards({ enabled: payable && !readOnly });
  const [flow, snapshot] = usePayFlow(() => ({
    startSetup: startCardSetup,
    pay: (paymentMethodId, key, saveCard) => payMyInvoice(invoice.id, paymentMethodId, key, saveCard),
    loadStripe,
    onCardSaved: () => void queryClient.invalidateQueries({ queryKey: cardsQueryKey }),
    onMoneyMoved: () => {
      void queryClient.invalidateQueries({ queryKey: ["portal", "invoices"] });
      void queryClient.invalidateQueries({ queryKey: balanceQueryKey });
      void queryClient.invalidateQueries({ queryKey: paymentsQueryKey });
    },
  }));
  // Until a payment that is being confirmed shows on the invoice, look again every few seconds.
  const settling = snapshot.status === "processing" && payable;
  useQuery({ ...invoiceQueryOptions(invoice.id), refetchInterval: settling ? SETTLING_POLL_MS : false });

  const amount = formatMoney(invoice.outstanding, invoice.currency, locale);
  const home = t("lease.home", { property: invoice.property_name, unit: invoice.unit_name });
  const result = snapshot.result;
  const scheduled = invoice.scheduled_charge;

  let body: ReactNode;
  if (snapshot.status === "succeeded" || (snapshot.status === "processing" && !payable && result !== null)) {
    const paid = result === null ? amount : formatMoney(result.amount, result.currency, locale);
    body = (
      <div className="pay-result pay-result--success" role="status">
        <p className="pay-result__title">{t("payments.pay.succeededTitle")}</p>
        <p>{t("payments.pay.succeeded", { amount: paid })}</p>
        {result?.receipt_number !== null && result?.receipt_number !== undefined && (
          <p>{t("payments.pay.receiptNumber", { number: result.receipt_number })}</p>
        )}
        {result !== null && (
          <div className="pay-result__actions">
            <ReceiptButton paymentId={result.payment_id} receiptNumber={result.receipt_number} fallbackDate={invoice.due_date} />
            <Link to="/payments/history">{t("payments.pay.history")}</Link>
          </div>
        )}
      </div>
    );
  } else if (snapshot.status === "processing") {
    body = (
      <div className="pay-result" role="status">
        <p className="pay-result__title">{t("payments.pay.processingTitle")}</p>
        <p>{t("payments.pay.processing")}</p>
        <Link to="/payments/history">{t("payments.pay.history")}</Link>
      </div>
    );
  } else if (!payable) {
    return null;
  } else if (readOnly) {
    body = <Alert tone="info">{t("payments.pay.offline")}</Alert>;
  } else if (cards.isError && problemSlug(cards.error) === "feature-not-enabled") {
    body = <CardPaymentsNotAvailable />;
  } else if (cards.isError && problemSlug(cards.error) === "online-payments-not-configured") {
    body = <Alert tone="info">{t("payments.pay.errors.not-configured")}</Alert>;
  } else if (cards.isPending) {
    body = <p aria-busy="true">{t("app.loading")}</p>;
  } else if (snapshot.error?.kind === "not-enabled") {
    body = <CardPaymentsNotAvailable />;
  } else if (scheduled?.status === "charging") {
    // The recurring charge holds the invoice's card payment: a second one would be refused.
    body = <Alert tone="info">{t("payments.scheduled.chargingWarning")}</Alert>;
  } else {
    body = (
      <>
        {scheduled != null && (
          <Alert tone="warning">
            {t("payments.scheduled.warning", { date: formatDate(scheduled.charge_on, locale) })}
          </Alert>
        )}
        <p>{t("payments.pay.summary", { amount, invoice: invoiceTitle(invoice, t), home })}</p>
        {/* Saved cards could not be listed: a new card still works. */}
        {cards.isError && <Alert tone="warning">{describeProblem(cards.error, t).message}</Alert>}
        <CardPaymentForm flow={flow} snapshot={snapshot} amount={amount} savedCards={cards.data ?? []} savesCards />
      </>
    );
  }

  return (
    <section className="card pay-panel" aria-labelledby="pay-title">
      <h2 id="pay-title" className="card__title">
        {t("payments.pay.title")}
      </h2>
      {body}
    </section>
  );
}
