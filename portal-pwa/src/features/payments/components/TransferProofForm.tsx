import { browserTimeZone, todayIn } from "@doorstep/web-shared/lib/format/date";
import { useEffect, useRef, useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { TFunction } from "i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { Field } from "@doorstep/web-shared/components/ui/Field";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { ApiError, describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { formatDate } from "@doorstep/web-shared/lib/format/date";
import { formatMoney, minorUnitExponent } from "@doorstep/web-shared/lib/format/money";
import { formatMoneyInput, moneyInputExample } from "@doorstep/web-shared/lib/format/parse-money";
import { useMe } from "@/lib/auth/me";
import { useReadOnly } from "@/lib/offline";
import { useMyBalance } from "../api/get-my-balance";
import type { Invoice } from "../api/get-my-invoice";
import { useMyInvoices } from "../api/get-my-invoices";
import type { TransferProof } from "../api/get-my-transfer-proof";
import { useSubmitTransferProof } from "../api/submit-transfer-proof";
import {
  NOTE_MAX_LENGTH,
  PROOF_ACCEPT,
  PROOF_FORM_FIELDS,
  ProofAttempts,
  proofFingerprint,
  readProofForm,
  REFERENCE_MAX_LENGTH,
  type ProofFormError,
  type ProofFormErrors,
  type ProofFormField,
  type ProofFormValues,
} from "../lib/transfer-proof-form";
import { keepsAttempt } from "../lib/pay-flow";
import { fileSize, invoiceTitle, isPayable } from "../lib/wording";

export interface TransferProofFormProps {
  locale: string;
  /** Lease names by lease id ("Residence Louise, Flat 1A"). */
  leaseLabels: Readonly<Record<string, string>>;
  /** Sent from an invoice: its lease, and what it still asks for as the amount. */
  invoice?: Invoice | undefined;
  /** After the agency received the proof. */
  onSent: (proof: TransferProof) => void;
}

function errorMessage(error: ProofFormError, t: TFunction, currency: string, locale: string): string {
  const example = moneyInputExample(currency, locale);
  if (error === "amount.tooManyDecimals") {
    return t("proofs.form.errors.amount.tooManyDecimals", { count: minorUnitExponent(currency), currency });
  }
  return t(`proofs.form.errors.${error}`, { example, currency });
}

/**
 * "I paid by bank transfer": the amount sent (typed in major units, read exactly), the day, the
 * transfer's reference, the bank's confirmation or a screenshot (PDF or photo; phones offer the
 * camera) and a note. From an invoice it is prefilled with the invoice's lease and what is left to
 * pay; otherwise the tenant picks the lease (seed 000: a tenant on several leases chooses the
 * intended one; a single lease is chosen for them) and, if they want, the invoice it pays.
 *
 * Checked here first for quick messages (amount, date not after the agency's today, file type
 * and size), then by the API, whose field errors are shown on the same fields. One
 * Idempotency-Key per attempt, reused when the same form is sent again after an unknown outcome
 * (see ProofAttempts). Offline it says that sending needs a connection.
 */
export function TransferProofForm({ locale, leaseLabels, invoice, onSent }: TransferProofFormProps) {
  const { t } = useTranslation();
  const readOnly = useReadOnly();
  const me = useMe();
  const balance = useMyBalance();
  const openInvoices = useMyInvoices("to-pay");
  const submit = useSubmitTransferProof();
  const [attempts] = useState(() => new ProofAttempts());
  const formRef = useRef<HTMLFormElement>(null);
  const [focusInvalid, setFocusInvalid] = useState(0);

  const leases = balance.data ?? [];
  const onlyLease = leases.length === 1 ? leases[0]?.lease_id : undefined;
  const [values, setValues] = useState<ProofFormValues>(() => ({
    leaseId: invoice?.lease_id ?? "",
    invoiceId: invoice?.id ?? "",
    amount: "",
    paidOn: "",
    reference: "",
    note: "",
    file: null,
  }));
  // Until the tenant types an amount, it is what the invoice still asks for, kept in minor units
  // and shown in the current locale's notation (which may still change as the profile loads).
  const [suggestedAmount, setSuggestedAmount] = useState<number | null>(
    invoice !== undefined && invoice.outstanding > 0 ? invoice.outstanding : null,
  );
  const [amountEdited, setAmountEdited] = useState(false);
  // Until the tenant picks a date, it is the agency's today: the profile naming the agency's zone
  // may arrive after the first render, and the browser's day differs from it around midnight.
  const [paidOnEdited, setPaidOnEdited] = useState(false);
  const [errors, setErrors] = useState<ProofFormErrors>({});
  // The one lease a tenant pays on is chosen for them.
  const leaseId = values.leaseId !== "" ? values.leaseId : (onlyLease ?? "");

  useEffect(() => {
    if (focusInvalid === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);

  const today = todayIn(me.data?.agency.timezone ?? browserTimeZone());
  const paidOn = paidOnEdited ? values.paidOn : today;
  const leaseBalance = leases.find((item) => item.lease_id === leaseId);
  const currency = invoice?.currency ?? leaseBalance?.currency ?? me.data?.agency.currency ?? "EUR";
  const homeOf = (id: string) => leaseLabels[id] ?? t("payments.balance.unknownLease");
  const amount = amountEdited || suggestedAmount === null ? values.amount : formatMoneyInput(suggestedAmount, currency, locale);
  const leaseInvoices = (openInvoices.data?.pages.flatMap((page) => page.items) ?? []).filter(
    (item) => item.lease_id === leaseId && isPayable(item),
  );

  // The fields on screen: a lease or invoice that is not asked for gets its problems in the alert.
  const leaseAsked = invoice === undefined && leases.length > 1;
  const invoiceAsked = invoice === undefined && leaseInvoices.length > 0;
  const shownFields = PROOF_FORM_FIELDS.filter(
    (field) => (field !== "lease_id" || leaseAsked) && (field !== "invoice_id" || invoiceAsked),
  );
  const problem = submit.isError
    ? describeProblem(submit.error, t, {
        fields: shownFields,
        byType: {
          "proof-already-submitted": { field: "file", message: t("proofs.form.errors.duplicate") },
          "proof-too-large": { field: "file", message: t("proofs.form.errors.file.tooLarge") },
        },
      })
    : undefined;
  const serverErrors: Partial<Record<ProofFormField, string>> = { ...problem?.fieldErrors };
  // A proxy may refuse a large upload before the API sees it (413 without a problem type).
  if (submit.error instanceof ApiError && submit.error.status === 413) serverErrors.file = t("proofs.form.errors.file.tooLarge");
  const duplicate = submit.error instanceof ApiError && submit.error.status === 409 && serverErrors.file !== undefined;
  // Lost answer, server problem, still in progress: the same attempt may be sent again safely.
  const unknownOutcome = submit.isError && keepsAttempt(submit.error);
  const fieldError = (field: ProofFormField): string | undefined => {
    const own = errors[field];
    return own !== undefined ? errorMessage(own, t, currency, locale) : serverErrors[field];
  };

  function change(patch: Partial<ProofFormValues>, fields: readonly ProofFormField[]) {
    setValues((current) => ({ ...current, ...patch }));
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([field]) => !fields.includes(field as ProofFormField))));
    if (submit.isError) submit.reset();
  }

  function chooseInvoice(invoiceId: string) {
    const chosen = leaseInvoices.find((item) => item.id === invoiceId);
    if (!amountEdited) setSuggestedAmount(chosen === undefined ? null : chosen.outstanding);
    change({ invoiceId }, ["invoice_id", "amount"]);
  }

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (readOnly || submit.isPending) return;
    const read = readProofForm({ ...values, leaseId, amount, paidOn }, { currency, locale, today });
    if (!read.ok) {
      setErrors(read.errors);
      setFocusInvalid((count) => count + 1);
      return;
    }
    setErrors({});
    const idempotencyKey = attempts.keyFor(proofFingerprint(read.fields, read.file));
    submit.mutate(
      { fields: read.fields, file: read.file, idempotencyKey },
      {
        onSuccess: (proof) => {
          attempts.settle();
          onSent(proof);
        },
        onError: (error) => {
          attempts.settle(error);
          setFocusInvalid((count) => count + 1);
        },
      },
    );
  }

  if (invoice === undefined && balance.data === undefined) {
    return balance.isError ? <Alert>{describeProblem(balance.error, t).message}</Alert> : <p aria-busy="true">{t("app.loading")}</p>;
  }
  if (invoice === undefined && leases.length === 0) return <p>{t("proofs.report.noLease")}</p>;

  const invoiceName = invoice === undefined ? undefined : invoiceTitle(invoice, t);
  const file = values.file;

  return (
    <form ref={formRef} className="stack proof-form" onSubmit={onSubmit} noValidate aria-labelledby="proof-form-title">
      <h2 id="proof-form-title" className="visually-hidden">
        {t("proofs.form.legend")}
      </h2>
      {readOnly && <Alert tone="info">{t("proofs.form.offline")}</Alert>}
      {problem !== undefined && (
        <Alert>
          {unknownOutcome ? t("proofs.form.unknownOutcome") : problem.message}
          {duplicate && (
            <>
              {" "}
              <Link to="/payments/transfer-proofs">{t("proofs.form.duplicateMore")}</Link>
            </>
          )}
        </Alert>
      )}

      <fieldset className="proof-form__fields" disabled={readOnly}>
        {invoice !== undefined ? (
          <p className="proof-form__for">
            {t("proofs.form.forInvoice", {
              invoice: invoiceName,
              home: t("lease.home", { property: invoice.property_name, unit: invoice.unit_name }),
              amount: formatMoney(Math.max(invoice.outstanding, 0), invoice.currency, locale),
            })}
          </p>
        ) : !leaseAsked ? (
          <p className="proof-form__for">{t("proofs.form.forLease", { home: homeOf(leaseId) })}</p>
        ) : (
          <Field label={t("proofs.form.lease")} hint={t("proofs.form.leaseHint")} error={fieldError("lease_id")}>
            {(control) => (
              <select
                {...control}
                name="lease_id"
                className="field__input"
                required
                value={values.leaseId}
                onChange={(event) => {
                  if (!amountEdited) setSuggestedAmount(null);
                  change({ leaseId: event.target.value, invoiceId: "" }, ["lease_id", "invoice_id"]);
                }}
              >
                <option value="">{t("proofs.form.chooseLease")}</option>
                {leases.map((item) => (
                  <option key={item.lease_id} value={item.lease_id}>
                    {homeOf(item.lease_id)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}

        {invoiceAsked && (
          <Field label={t("proofs.form.invoice")} hint={t("proofs.form.invoiceHint")} error={fieldError("invoice_id")}>
            {(control) => (
              <select
                {...control}
                name="invoice_id"
                className="field__input"
                value={values.invoiceId}
                onChange={(event) => {
                  chooseInvoice(event.target.value);
                }}
              >
                <option value="">{t("proofs.form.noInvoice")}</option>
                {leaseInvoices.map((item) => (
                  <option key={item.id} value={item.id}>
                    {t("proofs.form.invoiceOption", {
                      invoice: invoiceTitle(item, t),
                      amount: formatMoney(item.outstanding, item.currency, locale),
                      date: formatDate(item.due_date, locale),
                    })}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}

        <TextField
          label={t("proofs.form.amount", { currency })}
          hint={t("proofs.form.amountHint", { example: moneyInputExample(currency, locale) })}
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          required
          className="field--narrow"
          value={amount}
          error={fieldError("amount")}
          onChange={(event) => {
            setAmountEdited(true);
            change({ amount: event.target.value }, ["amount"]);
          }}
        />
        <TextField
          label={t("proofs.form.paidOn")}
          hint={t("proofs.form.paidOnHint")}
          name="paid_on"
          type="date"
          required
          max={today}
          className="field--narrow"
          value={paidOn}
          error={fieldError("paid_on")}
          onChange={(event) => {
            setPaidOnEdited(true);
            change({ paidOn: event.target.value }, ["paid_on"]);
          }}
        />
        <TextField
          label={t("proofs.form.reference")}
          hint={invoiceName === undefined ? t("proofs.form.referenceHint") : t("proofs.form.referenceHintInvoice", { invoice: invoiceName })}
          name="reference"
          autoComplete="off"
          required
          maxLength={REFERENCE_MAX_LENGTH}
          value={values.reference}
          error={fieldError("reference")}
          onChange={(event) => {
            change({ reference: event.target.value }, ["reference"]);
          }}
        />
        <Field
          label={t("proofs.form.file")}
          hint={
            <>
              {t("proofs.form.fileHint")}
              {file !== null && (
                <>
                  <br />
                  <strong className="break">{t("proofs.form.fileChosen", { name: file.name, size: fileSize(file.size, locale) })}</strong>
                </>
              )}
            </>
          }
          error={fieldError("file")}
        >
          {(control) => (
            <input
              {...control}
              type="file"
              name="file"
              className="field__input proof-form__file"
              accept={PROOF_ACCEPT}
              required
              onChange={(event) => {
                change({ file: event.target.files?.[0] ?? null }, ["file"]);
              }}
            />
          )}
        </Field>
        <Field label={t("proofs.form.note")} hint={t("proofs.form.noteHint")} error={fieldError("note")}>
          {(control) => (
            <textarea
              {...control}
              name="note"
              className="field__input proof-form__note"
              rows={3}
              maxLength={NOTE_MAX_LENGTH}
              value={values.note}
              onChange={(event) => {
                change({ note: event.target.value }, ["note"]);
              }}
            />
          )}
        </Field>
      </fieldset>

      <div className="proof-form__actions">
        <Button type="submit" disabled={readOnly} busy={submit.isPending} busyLabel={t("proofs.form.submitting")}>
          {t("proofs.form.submit")}
        </Button>
      </div>
    </form>
  );
}
