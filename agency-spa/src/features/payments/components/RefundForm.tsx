import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { isNetworkError } from "@doorstep/web-shared/lib/api/problem";
import { formatMoney, minorUnitExponent } from "@doorstep/web-shared/lib/format/money";
import { MoneyField } from "@/components/money/MoneyField";
import { TextAreaField } from "@/components/ui/TextAreaField";
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
      <TextAreaField
        label={t("payments.refund.reason")}
        name="reason"
        required
        maxLength={200}
        value={values.reason}
        error={fieldErrors.reason}
        onChange={(event) => {
          setValues((previous) => ({ ...previous, reason: event.target.value }));
        }}
      />
      <p className="muted">{t("payments.refund.thresholdNote", { threshold: money(threshold) })}</p>
      <div className="form-actions">
        <Button type="submit" busy={refund.isPending} busyLabel={t("form.saving")}>
          {t("payments.refund.submit")}
        </Button>
        <Button
          variant="secondary"
          disabled={refund.isPending}
          onClick={() => {
            onDone(null);
          }}
        >
          {t("payments.refund.cancel")}
        </Button>
      </div>
    </form>
  );
}
