import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { CheckboxField } from "@/components/ui/CheckboxField";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { minorUnitExponent } from "@doorstep/web-shared/lib/format/money";
import { formatMoneyInput, moneyInputExample } from "@doorstep/web-shared/lib/format/parse-money";
import { useFormErrors } from "@/lib/hooks/use-form-errors";
import { useLocale } from "@/lib/i18n/use-locale";
import type { Lease } from "../api/list-leases";
import { useUpdateLease } from "../api/update-lease";
import { LeaseTermsFields } from "./LeaseTermsFields";
import { LEASE_FORM_FIELDS, readActiveTerms, readTerms, type LeaseErrors, type LeaseTermsValues } from "./lease-terms";

export interface LeaseEditFormProps {
  lease: Lease & { status: "draft" | "active" };
  onDone: (saved: boolean) => void;
}

/**
 * Editing a lease. A draft changes every term. An active lease only its end date and holding
 * over: its start, rent, frequency and due day decide what is invoiced and are locked by the API,
 * so they are shown as fixed rather than offered as fields that would be refused.
 */
export function LeaseEditForm({ lease, onDone }: LeaseEditFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const update = useUpdateLease(lease.id);
  const currency = lease.rent.currency;
  const [values, setValues] = useState<LeaseTermsValues>({
    startDate: lease.start_date,
    endDate: lease.end_date ?? "",
    rent: formatMoneyInput(lease.rent.amount, currency, locale),
    frequency: lease.frequency,
    dueDay: lease.due_day,
    holdingOver: lease.holding_over,
  });
  const { formRef, fieldErrors, summary, setClientErrors } = useFormErrors<(typeof LEASE_FORM_FIELDS)[number]>(
    update.error,
    { fields: LEASE_FORM_FIELDS },
  );
  const messageParams = { currency, example: moneyInputExample(currency, locale), count: minorUnitExponent(currency) };
  const translate = (errors: LeaseErrors) =>
    Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, t(key, messageParams)]));

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (lease.status === "active") {
      const result = readActiveTerms(values, lease.start_date);
      setClientErrors(result.ok ? {} : translate(result.errors));
      if (result.ok) update.mutate(result.body, { onSuccess: () => { onDone(true); } });
      return;
    }
    const result = readTerms(values, currency, locale);
    setClientErrors(result.ok ? {} : translate(result.errors));
    if (result.ok) update.mutate(result.terms, { onSuccess: () => { onDone(true); } });
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="stack form">
      {summary !== undefined && <Alert>{summary}</Alert>}
      {lease.status === "draft" ? (
        <LeaseTermsFields
          values={values}
          onChange={setValues}
          currency={currency}
          errors={{
            start_date: fieldErrors.start_date,
            end_date: fieldErrors.end_date,
            rent: fieldErrors["rent.amount"] ?? fieldErrors.rent,
            frequency: fieldErrors.frequency,
            due_day: fieldErrors.due_day,
            holding_over: fieldErrors.holding_over,
          }}
        />
      ) : (
        <>
          <Alert tone="info">{t("leases.lockedTerms")}</Alert>
          <p className="muted">{t("leases.termInvoices")}</p>
          <TextField
            label={t("leases.fields.endDateOptional")}
            hint={t("leases.endDateHint")}
            name="end_date"
            type="date"
            min={lease.start_date}
            max="2199-12-31"
            value={values.endDate}
            error={fieldErrors.end_date}
            onChange={(event) => {
              const { value } = event.target;
              setValues((previous) => ({ ...previous, endDate: value }));
            }}
          />
          <CheckboxField
            label={t("leases.fields.holdingOver")}
            hint={t("leases.holdingOverHint")}
            name="holding_over"
            checked={values.holdingOver}
            error={fieldErrors.holding_over}
            onChange={(event) => {
              const { checked } = event.target;
              setValues((previous) => ({ ...previous, holdingOver: checked }));
            }}
          />
        </>
      )}
      <div className="form-actions">
        <Button type="submit" busy={update.isPending} busyLabel={t("form.saving")}>
          {t("form.save")}
        </Button>
        <Button
          variant="secondary"
          disabled={update.isPending}
          onClick={() => {
            onDone(false);
          }}
        >
          {t("form.discard")}
        </Button>
      </div>
    </form>
  );
}
