import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { CheckboxField } from "@/components/ui/CheckboxField";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useMe, type Me } from "@/lib/auth/me";
import { useUpdateAgency } from "../api/settings";
import { SaveFeedback } from "./SaveFeedback";
import { SettingsFrame } from "./SettingsFrame";
import { canEditAgency } from "./settings-rights";
import { AGENCY_FIELDS, agencyFormValues, MAX_LEAD_DAYS, MIN_LEAD_DAYS, readAgencyForm, type AgencyErrorKey, type AgencyField, type AgencyFormValues } from "./settings-forms";

/** /settings/agency: the agency's name, language and time zone, how tenants reach it, and how rent invoices are made. */
export function AgencySection() {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = canEditAgency(me.data?.user.role);
  // Outside the form, which starts afresh from the stored agency after a save, so "Saved." stays.
  const save = useUpdateAgency();
  return (
    <SettingsFrame section="agency" readOnlyNote={me.data !== undefined && !canEdit ? t("settings.ownerOnly") : undefined}>
      {me.data === undefined ? (
        me.isError ? <LoadError error={me.error} onRetry={() => void me.refetch()} /> : <Loading />
      ) : (
        // Keyed by the saved agency: after a save (or another owner's) the form starts from what is stored.
        <AgencyForm key={JSON.stringify(me.data.agency)} agency={me.data.agency} canEdit={canEdit} save={save} />
      )}
    </SettingsFrame>
  );
}

function AgencyForm({ agency, canEdit, save }: { agency: Me["agency"]; canEdit: boolean; save: ReturnType<typeof useUpdateAgency> }) {
  const { t } = useTranslation();
  const saved = agencyFormValues(agency);
  const [values, setValues] = useState<AgencyFormValues>(saved);
  const [errors, setErrors] = useState<Partial<Record<AgencyField, AgencyErrorKey>>>({});
  const [unchanged, setUnchanged] = useState(false);
  const problem = save.isError ? describeProblem(save.error, t, { fields: AGENCY_FIELDS }) : null;

  function set<F extends AgencyField>(field: F, value: AgencyFormValues[F]) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
    setUnchanged(false);
    save.reset();
  }

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = readAgencyForm(saved, values);
    if (!read.ok) {
      setErrors(read.errors);
      return;
    }
    if (read.body === null) setUnchanged(true);
    else save.mutate(read.body);
  }

  const errorOf = (field: AgencyField): string | undefined => {
    const key = errors[field];
    if (key !== undefined) return t(key, { min: MIN_LEAD_DAYS, max: MAX_LEAD_DAYS });
    return problem?.fieldErrors[field];
  };
  const text = (field: "name" | "locale" | "timezone" | "contact_email" | "contact_phone", extra: { type?: string; autoComplete?: string; hint?: string } = {}) => (
    <TextField
      label={t(`settings.agency.fields.${field}`)}
      name={field}
      value={values[field]}
      disabled={!canEdit}
      readOnly={save.isPending}
      onChange={(event) => { set(field, event.target.value); }}
      error={errorOf(field)}
      {...extra}
    />
  );
  const hasFieldError = problem !== null && Object.keys(problem.fieldErrors).length > 0;

  return (
    <form className="stack form" onSubmit={onSubmit} noValidate aria-label={t("settings.sections.agency")}>
      <fieldset className="stack">
        <legend>{t("settings.agency.profile")}</legend>
        {text("name", { autoComplete: "organization" })}
        {text("locale", { hint: t("settings.agency.localeHint") })}
        {text("timezone", { hint: t("settings.agency.timezoneHint") })}
        <p className="muted">{t("settings.agency.currency", { currency: agency.currency, country: agency.country })}</p>
      </fieldset>
      <fieldset className="stack">
        <legend>{t("settings.agency.contact")}</legend>
        <p className="muted">{t("settings.agency.contactHint")}</p>
        {text("contact_email", { type: "email", autoComplete: "email" })}
        {text("contact_phone", { type: "tel", autoComplete: "tel", hint: t("settings.agency.phoneHint") })}
      </fieldset>
      <fieldset className="stack">
        <legend>{t("settings.agency.invoices")}</legend>
        <TextField
          label={t("settings.agency.fields.invoice_lead_days")}
          name="invoice_lead_days"
          type="number"
          inputMode="numeric"
          min={MIN_LEAD_DAYS}
          max={MAX_LEAD_DAYS}
          value={values.invoice_lead_days}
          disabled={!canEdit}
          readOnly={save.isPending}
          onChange={(event) => { set("invoice_lead_days", event.target.value); }}
          hint={t("settings.agency.leadDaysHint")}
          error={errorOf("invoice_lead_days")}
        />
        <CheckboxField
          label={t("settings.agency.fields.auto_approve_invoices")}
          name="auto_approve_invoices"
          checked={values.auto_approve_invoices}
          disabled={!canEdit || save.isPending}
          onChange={(event) => { set("auto_approve_invoices", event.target.checked); }}
          hint={t("settings.agency.autoApproveHint")}
          error={errorOf("auto_approve_invoices")}
        />
      </fieldset>
      {canEdit && (
        <SaveFeedback
          error={problem === null ? null : hasFieldError ? t("settings.fixFields") : problem.message}
          saved={save.isSuccess}
          unchanged={unchanged}
          busy={save.isPending}
        />
      )}
    </form>
  );
}
