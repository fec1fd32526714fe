import { useId, useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { isNetworkError, problemSlug, ApiError } from "@doorstep/web-shared/lib/api/problem";
import { formatMoney, minorUnitExponent } from "@doorstep/web-shared/lib/format/money";
import { MoneyField } from "@/components/money/MoneyField";
import { CheckboxField } from "@/components/ui/CheckboxField";
import { AllocationSection } from "@/components/money/AllocationSection";
import { Loading } from "@/components/ui/QueryStatus";
import type { Me } from "@/lib/auth/me";
import { todayIn } from "@doorstep/web-shared/lib/format/date";
import { moneyInputExample, parseMoney } from "@doorstep/web-shared/lib/format/parse-money";
import { useFormErrors } from "@/lib/hooks/use-form-errors";
import { useLocale } from "@/lib/i18n/use-locale";
import { readPaymentDetails } from "@/lib/money/payment-details";
import { splitFieldsOfInput, useAllocationSplit } from "@/lib/money/use-allocation-split";
import type { PaymentRecord } from "../api/record-payment";
import { takesPayments, useTenantLeases, type PayerLease } from "../api/tenant-leases";
import { OFFLINE_METHODS, PAYMENT_FORM_FIELDS, type OfflineMethod, type PaymentErrorKey, type PaymentFormField } from "./payment-form";
import { PayerPicker, type Payer } from "./PayerPicker";

export interface RecordPaymentFormProps {
  me: Me;
  /** The trust account receipts the oldest invoice first: the API allocates, staff do not. */
  oldestFirst: boolean;
  /** From the page that opened the form: an invoice's (lease and invoice), a lease's, a tenant's. */
  initialLease?: PayerLease | undefined;
  initialPayer?: Payer | undefined;
  initialInvoiceId?: string;
  pending: boolean;
  error: unknown;
  onSubmit: (body: PaymentRecord) => void;
}

const leaseName = (lease: PayerLease) => `${lease.unit.name} · ${lease.unit.property_name}`;

/**
 * Money received by bank transfer, cash or cheque. Who paid, for which lease (seed 000: a tenant
 * on several leases must confirm which, so the payment is not recorded against the wrong one),
 * how much, when it arrived (never in the future), how and with what reference; the signed-in
 * staff member is the one confirming it. Seed 003: when the trust account receipts the oldest
 * invoice first the API allocates and the form sends none; otherwise staff split it over the
 * lease's open invoices (prefilled oldest first, or the invoice the form was opened for first),
 * and what they leave unallocated becomes the tenant's credit on that lease.
 */
export function RecordPaymentForm({ me, oldestFirst, initialLease, initialPayer, initialInvoiceId, pending, error, onSubmit }: RecordPaymentFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const currency = me.agency.currency;
  const today = todayIn(me.agency.timezone);
  const methodName = useId();
  const leaseGroup = useId();

  // undefined: not chosen by the user yet, so the page's suggestion holds; null: cleared.
  const [pickedPayer, setPickedPayer] = useState<Payer | null | undefined>(undefined);
  const suggestedPayer = initialPayer ?? (initialLease?.tenants.length === 1 ? initialLease.tenants[0] : undefined);
  const payer = pickedPayer === undefined ? suggestedPayer : (pickedPayer ?? undefined);
  const [pickedLeaseId, setPickedLeaseId] = useState<string | undefined>(undefined);
  const [confirmedLeaseId, setConfirmedLeaseId] = useState("");
  const [amount, setAmount] = useState("");
  const [receivedOn, setReceivedOn] = useState(today);
  const [method, setMethod] = useState<OfflineMethod>("bank_transfer");
  const [reference, setReference] = useState("");

  const leases = useTenantLeases(payer?.id ?? "");
  const payable = (leases.data?.items ?? []).filter(takesPayments);
  const defaultLeaseId = payable.length === 1 ? payable[0]?.id : payable.find((lease) => lease.id === initialLease?.id)?.id;
  const leaseId = payable.some((lease) => lease.id === pickedLeaseId) ? pickedLeaseId : defaultLeaseId;
  const lease = payable.find((candidate) => candidate.id === leaseId);
  const several = payable.length > 1;

  const { formRef, fieldErrors, summary, setClientErrors } = useFormErrors<PaymentFormField>(error, {
    fields: PAYMENT_FORM_FIELDS,
    byType: { "allocation-refused": { field: "allocations" } },
    fieldsOfInput: splitFieldsOfInput,
  });
  const money = (value: number) => formatMoney(value, currency, locale);
  const messageParams = { currency, example: moneyInputExample(currency, locale), count: minorUnitExponent(currency) };
  const typedAmount = parseMoney(amount, currency, locale);
  const available = typedAmount.ok ? typedAmount.amount : 0;
  const split = useAllocationSplit({ leaseId: lease?.id ?? "", available, firstInvoiceId: initialInvoiceId, currency });

  function chooseLease(id: string) {
    setPickedLeaseId(id);
    setConfirmedLeaseId("");
    split.resplit();
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: Partial<Record<PaymentFormField, PaymentErrorKey>> = {};
    if (payer === undefined) errors.tenant_id = "payments.errors.choosePayer";
    else if (lease === undefined) errors.lease_id = "payments.errors.chooseLease";
    else if (several && confirmedLeaseId !== lease.id) errors.lease_confirmed = "payments.errors.confirmLease";
    const details = readPaymentDetails({ amount, receivedOn, reference }, currency, locale, today);
    Object.assign(errors, details.errors);
    const manual = !oldestFirst && lease !== undefined;
    const read = manual ? split.check(details.amount ?? 0) : { allocations: [], problem: undefined };
    // More allocated than the amount only means something once the amount reads.
    if (read.problem === "payments.errors.allocationRows" || (read.problem === "payments.errors.overAllocated" && details.amount !== null)) {
      errors.allocations = read.problem;
    }
    const translated = Object.fromEntries(
      Object.entries(errors).map(([field, key]) => [field, t(key, { ...messageParams, amount: money(details.amount ?? 0) })]),
    );
    setClientErrors(translated);
    if (Object.keys(errors).length > 0 || payer === undefined || lease === undefined || details.amount === null) return;
    onSubmit({
      lease_id: lease.id,
      tenant_id: payer.id,
      amount: details.amount,
      currency,
      method,
      received_on: receivedOn,
      reference: reference.trim(),
      ...(manual && read.allocations.length > 0 ? { allocations: read.allocations } : {}),
    });
  }

  // A lost answer leaves the outcome unknown: say so, and that sending again is safe.
  const unknownOutcome = isNetworkError(error) || (error instanceof ApiError && error.status >= 500);
  const inProgress = problemSlug(error) === "request-in-progress";
  const shownSummary = unknownOutcome ? t("payments.errors.outcomeUnknown") : inProgress ? t("payments.errors.inProgress") : summary;

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="stack form">
      {shownSummary !== undefined && <Alert tone={unknownOutcome ? "warning" : "error"}>{shownSummary}</Alert>}

      <fieldset className="fieldset">
        <legend>{t("payments.form.payer")}</legend>
        {payer === undefined ? (
          <PayerPicker
            suggested={initialLease?.tenants ?? []}
            error={fieldErrors.tenant_id}
            onPick={(chosen) => {
              setPickedPayer(chosen);
              setPickedLeaseId(undefined);
              setConfirmedLeaseId("");
              split.resplit();
            }}
          />
        ) : (
          <>
            <p className="chosen">
              <span className="choice__title">
                {payer.first_name} {payer.last_name}
              </span>{" "}
              <span className="muted">{payer.email}</span>
            </p>
            <Button
              variant="secondary"
              className="button--small"
              onClick={() => {
                setPickedPayer(null);
                setPickedLeaseId(undefined);
                setConfirmedLeaseId("");
                split.resplit();
              }}
            >
              {t("payments.form.changePayer")}
            </Button>
          </>
        )}
      </fieldset>

      {payer !== undefined && (
        <fieldset className="fieldset">
          <legend>{t("payments.form.lease")}</legend>
          {leases.isPending ? (
            <Loading />
          ) : leases.isError ? (
            <p className="field__error">{t("errors.network")}</p>
          ) : payable.length === 0 ? (
            <Alert>{t("payments.form.noPayableLease", { name: `${payer.first_name} ${payer.last_name}` })}</Alert>
          ) : (
            <>
              {several && (
                <Alert tone="warning">
                  {t("payments.form.severalLeases", { name: `${payer.first_name} ${payer.last_name}`, count: payable.length })}
                </Alert>
              )}
              <div className="choice-list">
                {payable.map((candidate) => {
                  const id = `${leaseGroup}-${candidate.id}`;
                  return (
                    <div key={candidate.id} className="choice">
                      <input
                        type="radio"
                        id={id}
                        name="lease_id"
                        value={candidate.id}
                        checked={candidate.id === leaseId}
                        aria-invalid={fieldErrors.lease_id !== undefined || undefined}
                        onChange={() => {
                          chooseLease(candidate.id);
                        }}
                      />
                      <label htmlFor={id}>
                        <span className="choice__title">{leaseName(candidate)}</span>{" "}
                        <span className="muted">
                          {t(`leases.status.${candidate.status}`)} ·{" "}
                          {candidate.tenants.map((tenant) => `${tenant.first_name} ${tenant.last_name}`).join(", ")}
                        </span>
                      </label>
                    </div>
                  );
                })}
              </div>
              {fieldErrors.lease_id !== undefined && <p className="field__error">{fieldErrors.lease_id}</p>}
              {several && lease !== undefined && (
                <CheckboxField
                  label={t("payments.form.confirmLease", { lease: leaseName(lease) })}
                  name="lease_confirmed"
                  checked={confirmedLeaseId === lease.id}
                  error={fieldErrors.lease_confirmed}
                  onChange={(event) => {
                    setConfirmedLeaseId(event.target.checked ? lease.id : "");
                  }}
                />
              )}
            </>
          )}
        </fieldset>
      )}

      <fieldset className="fieldset">
        <legend>{t("payments.form.details")}</legend>
        <div className="form-row">
          <MoneyField
            label={t("payments.form.amount", { currency })}
            hint={t("payments.form.amountHint", { example: moneyInputExample(currency, locale) })}
            value={amount}
            error={fieldErrors.amount ?? fieldErrors.currency}
            onChange={(value) => {
              setAmount(value);
            }}
          />
          <TextField
            label={t("payments.form.receivedOn")}
            hint={t("payments.form.receivedOnHint")}
            name="received_on"
            type="date"
            required
            min="1900-01-01"
            max={today}
            value={receivedOn}
            error={fieldErrors.received_on}
            onChange={(event) => {
              setReceivedOn(event.target.value);
            }}
          />
        </div>
        <fieldset className="fieldset fieldset--inner" aria-describedby={fieldErrors.method === undefined ? undefined : `${methodName}-error`}>
          <legend>{t("payments.form.method")}</legend>
          <div className="choice-row">
            {OFFLINE_METHODS.map((value) => (
              <div key={value} className="choice">
                <input
                  type="radio"
                  id={`${methodName}-${value}`}
                  name="method"
                  value={value}
                  checked={method === value}
                  onChange={() => {
                    setMethod(value);
                  }}
                />
                <label htmlFor={`${methodName}-${value}`}>{t(`payments.method.${value}`)}</label>
              </div>
            ))}
          </div>
          {fieldErrors.method !== undefined && (
            <p className="field__error" id={`${methodName}-error`}>
              {fieldErrors.method}
            </p>
          )}
        </fieldset>
        <TextField
          label={t(`payments.form.reference.${method}`)}
          hint={t(`payments.form.referenceHint.${method}`)}
          name="reference"
          required
          maxLength={200}
          autoComplete="off"
          value={reference}
          error={fieldErrors.reference}
          onChange={(event) => {
            setReference(event.target.value);
          }}
        />
      </fieldset>

      {lease !== undefined && (
        <AllocationSection
          oldestFirst={oldestFirst}
          split={split}
          currency={currency}
          available={available}
          error={fieldErrors.allocations}
        />
      )}

      <p className="muted">{t("payments.form.confirmedBy", { name: `${me.user.first_name} ${me.user.last_name}` })}</p>
      <div className="form-actions">
        <Button type="submit" busy={pending} busyLabel={t("payments.form.recording")}>
          {t("payments.form.submit")}
        </Button>
        <Link className="button button--secondary" to="/payments">
          {t("payments.form.cancel")}
        </Link>
      </div>
    </form>
  );
}
