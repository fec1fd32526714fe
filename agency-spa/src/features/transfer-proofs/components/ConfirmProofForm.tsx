import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { ApiError, isNetworkError, problemSlug } from "@doorstep/web-shared/lib/api/problem";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney, minorUnitExponent } from "@doorstep/web-shared/lib/format/money";
import { MoneyField } from "@/components/money/MoneyField";
import { AllocationSection } from "@/components/money/AllocationSection";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useTrustAccount } from "@/lib/api/lookups/trust-account";
import type { Me } from "@/lib/auth/me";
import { todayIn } from "@doorstep/web-shared/lib/format/date";
import { moneyInputExample, parseMoney } from "@doorstep/web-shared/lib/format/parse-money";
import { useFormErrors } from "@/lib/hooks/use-form-errors";
import { useIdempotencyKey } from "@/lib/hooks/use-idempotency-key";
import { useLocale } from "@/lib/i18n/use-locale";
import { readPaymentDetails } from "@/lib/money/payment-details";
import { splitFieldsOfInput, useAllocationSplit } from "@/lib/money/use-allocation-split";
import { useConfirmProof } from "../api/confirm-proof";
import type { TransferProof } from "../api/list-proofs";
import { CONFIRM_FIELDS, confirmationBody, initialConfirmValues, type ConfirmField, type ConfirmValues } from "./confirm-form";

export interface ConfirmProofFormProps {
  proof: TransferProof;
  me: Me;
  onConfirmed: (proof: TransferProof) => void;
}

/**
 * "The money arrived on the trust account": staff confirm what actually arrived — the amount
 * (prefilled with what the tenant said, corrected to what came in), the day it arrived (never in
 * the agency's future) and the bank's reference — and which invoices it settles, by the same rules
 * as recording any payment (seed 003): the trust account's "oldest invoice first" allocates
 * automatically; otherwise staff split it over the lease's open invoices, the invoice the tenant
 * named first, and what is left becomes the tenant's credit. The API records the bank transfer
 * with the signed-in staff member as the one confirming it, receipts it and e-mails the receipt.
 */
export function ConfirmProofForm({ proof, me, onConfirmed }: ConfirmProofFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const trustAccount = useTrustAccount();
  const confirm = useConfirmProof(proof.id);
  const attempt = useIdempotencyKey();
  const [values, setValues] = useState<ConfirmValues>(() => initialConfirmValues(proof, locale));
  const currency = proof.currency;
  const today = todayIn(me.agency.timezone);
  const typed = parseMoney(values.amount, currency, locale);
  const available = typed.ok ? typed.amount : 0;
  const split = useAllocationSplit({ leaseId: proof.lease_id, available, firstInvoiceId: proof.invoice_id ?? undefined, currency });
  const { formRef, fieldErrors, summary, setClientErrors } = useFormErrors<ConfirmField>(confirm.error, {
    fields: CONFIRM_FIELDS,
    byType: { "allocation-refused": { field: "allocations" } },
    fieldsOfInput: splitFieldsOfInput,
  });
  const money = (value: number) => formatMoney(value, currency, locale);
  const messageParams = { currency, example: moneyInputExample(currency, locale), count: minorUnitExponent(currency) };

  if (trustAccount.isPending) return <Loading />;
  if (trustAccount.isError) return <LoadError error={trustAccount.error} onRetry={() => void trustAccount.refetch()} />;
  const oldestFirst = trustAccount.data.receipt_oldest_invoice_first;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (confirm.isPending) return;
    const details = readPaymentDetails(values, currency, locale, today);
    const errors: Partial<Record<ConfirmField, string>> = {};
    for (const [field, key] of Object.entries(details.errors)) errors[field as ConfirmField] = t(key, messageParams);
    const read = oldestFirst ? null : split.check(details.amount ?? 0);
    if (read?.problem === "payments.errors.allocationRows" || (read?.problem === "payments.errors.overAllocated" && details.amount !== null)) {
      errors.allocations = t(read.problem, { ...messageParams, amount: money(details.amount ?? 0) });
    }
    setClientErrors(errors);
    if (Object.keys(errors).length > 0 || details.amount === null) return;
    const body = confirmationBody({ amount: details.amount, receivedOn: values.receivedOn, reference: values.reference }, read === null ? null : read.allocations);
    // mutateAsync: once confirmed, the proof's new status unmounts this form before a mutate()
    // callback would run; the page (still mounted) says what happened.
    void confirm.mutateAsync({ body, idempotencyKey: attempt.keyFor(body) }).then(
      (confirmed) => {
        attempt.reset();
        onConfirmed(confirmed);
      },
      () => undefined,
    );
  }

  // A lost answer leaves the outcome unknown: say so, and that confirming again is safe.
  const error = confirm.error;
  const unknownOutcome = isNetworkError(error) || (error instanceof ApiError && error.status >= 500);
  const slug = problemSlug(error);
  const shownSummary = unknownOutcome
    ? t("transferProofs.confirm.outcomeUnknown")
    : slug === "request-in-progress"
      ? t("transferProofs.confirm.inProgress")
      : slug === "proof-already-decided"
        ? t("transferProofs.alreadyDecided")
        : summary;
  const differs = typed.ok && typed.amount > 0 && typed.amount !== proof.amount;

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="stack form" aria-label={t("transferProofs.confirm.submit")}>
      <p className="muted">{t("transferProofs.confirm.intro")}</p>
      {shownSummary !== undefined && <Alert tone={unknownOutcome ? "warning" : "error"}>{shownSummary}</Alert>}
      <fieldset className="fieldset">
        <legend>{t("payments.form.details")}</legend>
        <div className="form-row">
          <MoneyField
            label={t("transferProofs.confirm.amount", { currency })}
            hint={t("transferProofs.confirm.amountHint", { example: moneyInputExample(currency, locale), said: money(proof.amount) })}
            value={values.amount}
            error={fieldErrors.amount}
            onChange={(value) => {
              setValues({ ...values, amount: value });
            }}
          />
          <TextField
            label={t("transferProofs.confirm.receivedOn")}
            hint={t("transferProofs.confirm.receivedOnHint", { date: dates.date(proof.paid_on) })}
            name="received_on"
            type="date"
            required
            min="1900-01-01"
            max={today}
            value={values.receivedOn}
            error={fieldErrors.received_on}
            onChange={(event) => {
              setValues({ ...values, receivedOn: event.target.value });
            }}
          />
        </div>
        {differs && <Alert tone="warning">{t("transferProofs.confirm.amountDiffers", { confirmed: money(typed.amount), said: money(proof.amount) })}</Alert>}
        <TextField
          label={t("transferProofs.confirm.reference")}
          hint={t("transferProofs.confirm.referenceHint", { reference: proof.reference })}
          name="reference"
          required
          maxLength={200}
          autoComplete="off"
          value={values.reference}
          error={fieldErrors.reference}
          onChange={(event) => {
            setValues({ ...values, reference: event.target.value });
          }}
        />
      </fieldset>
      <AllocationSection
        oldestFirst={oldestFirst}
        split={split}
        currency={currency}
        available={available}
        error={fieldErrors.allocations}
      />
      <p className="muted">{t("transferProofs.confirm.confirmedBy", { name: `${me.user.first_name} ${me.user.last_name}` })}</p>
      <div className="form-actions">
        <Button type="submit" busy={confirm.isPending} busyLabel={t("transferProofs.confirm.confirming")}>
          {t("transferProofs.confirm.submit")}
        </Button>
      </div>
    </form>
  );
}
