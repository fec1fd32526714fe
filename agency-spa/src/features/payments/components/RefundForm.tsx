import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { isNetworkError } from "@doorstep/web-shared/lib/api/problem";
import { formatMoney, minorUnitExponent } from "@doorstep/web-shared/lib/format/money";
import { MoneyField } from "@/components/money/MoneyField";
import { ReasonAndSubmit } from "@/components/ui/ReasonAndSubmit";
import { moneyInputExample } from "@doorstep/web-shared/lib/format/parse-money";
import { useFormErrors } from "@/lib/hooks/use-form-errors";
import { useIdempotencyKey } from "@/lib/hooks/use-idempotency-key";
import { useLocale } from "@/lib/i18n/use-locale";
import type { Payment } from "../api/list-payments";
import { useRefundPayment, type Refund } from "../api/refund-payment";
import { readRefund, refundable, type RefundField } from "./refund-form";

const FIELDS: readonly RefundField[] = ["amount", "reason"];

export interface RefundFormProps {
  payment: Payment;
  /** The agency's approval threshold, in minor units. */
  threshold: number;
  onDone: (refund: Refund | null) => void;
}

/**
 * Give money back: at most what is left of the payment, with a reason. Above the agency's
 * threshold the API holds it for an accountant's or owner's approval; the page says which from
 * the answer. Money taken back from invoices makes them ask for it again.
 */
export function RefundForm({ payment, threshold, onDone }: RefundFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const refund = useRefundPayment(payment.id);
  const attempt = useIdempotencyKey();
  const [values, setValues] = useState({ amount: "", reason: "" });
  const left = refundable(payment);
  const money = (amount: number) => formatMoney(amount, payment.currency, locale);
  const { formRef, fieldErrors, summary, setClientErrors } = useFormErrors<RefundField>(refund.error, {
    fields: FIELDS,
    byType: { "refund-exceeds-payment": { field: "amount" } },
  });
  const params = {
    currency: payment.currency,
    example: moneyInputExample(payment.currency, locale),
    count: minorUnitExponent(payment.currency),
    left: money(left),
  };

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (refund.isPending) return;
    const result = readRefund(values, left, payment.currency, locale);
    setClientErrors(result.ok ? {} : Object.fromEntries(Object.entries(result.errors).map(([field, key]) => [field, t(key, params)])));
    if (!result.ok) return;
    refund.mutate(
      { body: result.body, idempotencyKey: attempt.keyFor(result.body) },
      {
        onSuccess: (answer) => {
          attempt.reset();
          onDone(answer);
        },
      },
    );
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="stack form">
      {summary !== undefined && <Alert>{isNetworkError(refund.error) ? t("payments.errors.refundOutcomeUnknown") : summary}</Alert>}
      <MoneyField
        label={t("payments.refund.amount", { currency: payment.currency })}
        hint={t("payments.refund.amountHint", params)}
        value={values.amount}
        error={fieldErrors.amount}
        onChange={(value) => {
          setValues((previous) => ({ ...previous, amount: value }));
        }}
      />
      <ReasonAndSubmit
        reasonLabel={t("payments.refund.reason")}
        reason={values.reason}
        reasonError={fieldErrors.reason}
        onReasonChange={(reason) => {
          setValues((previous) => ({ ...previous, reason }));
        }}
        note={t("payments.refund.thresholdNote", { threshold: money(threshold) })}
        submitLabel={t("payments.refund.submit")}
        cancelLabel={t("payments.refund.cancel")}
        busy={refund.isPending}
        onCancel={() => {
          onDone(null);
        }}
      />
    </form>
  );
}
