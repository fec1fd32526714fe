import { useState, type ChangeEvent, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { SelectField } from "@/components/ui/SelectField";
import { missingFields, useFormErrors } from "@/lib/hooks/use-form-errors";
import { isTenantLanguage, TENANT_LANGUAGES, type TenantField, type TenantFormValues } from "./tenant-form-values";

const FIELDS: readonly TenantField[] = ["first_name", "last_name", "email", "phone", "language"];
const REQUIRED: readonly TenantField[] = ["first_name", "last_name", "email"];

export interface TenantFormProps {
  initial: TenantFormValues;
  submitLabel: string;
  busyLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: TenantFormValues) => void;
  onDiscard?: () => void;
}

/**
 * A tenant's name, contact details and the language of their e-mails and documents ("" keeps
 * the agency's). The phone number is checked by the server (it must exist
 * and is stored in international E.164 form); its message is shown on the field.
 */
export function TenantForm({ initial, submitLabel, busyLabel, pending, error, onSubmit, onDiscard }: TenantFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const { formRef, fieldErrors, summary, setClientErrors } = useFormErrors<TenantField>(error, {
    fields: FIELDS,
    byType: { "tenant-email-taken": { field: "email", message: t("tenants.emailTaken") } },
  });

  const bind = (field: Exclude<TenantField, "language">) => ({
    name: field,
    value: values[field],
    error: fieldErrors[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const { value } = event.target;
      setValues((previous) => ({ ...previous, [field]: value }));
    },
  });

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = missingFields(values, REQUIRED, t("form.required"));
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) return;
    onSubmit({
      first_name: values.first_name.trim(),
      last_name: values.last_name.trim(),
      email: values.email.trim(),
      phone: values.phone.trim(),
      language: values.language,
    });
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="stack form">
      {summary !== undefined && <Alert>{summary}</Alert>}
      <div className="form-row">
        <TextField label={t("tenants.fields.firstName")} autoComplete="off" required {...bind("first_name")} />
        <TextField label={t("tenants.fields.lastName")} autoComplete="off" required {...bind("last_name")} />
      </div>
      <TextField
        label={t("tenants.fields.email")}
        type="email"
        inputMode="email"
        autoComplete="off"
        required
        {...bind("email")}
      />
      <TextField
        label={t("tenants.fields.phoneOptional")}
        hint={t("tenants.phoneHint")}
        type="tel"
        inputMode="tel"
        autoComplete="off"
        {...bind("phone")}
      />
      <SelectField
        label={t("tenants.fields.language")}
        hint={t("tenants.languageHint")}
        name="language"
        value={values.language}
        error={fieldErrors.language}
        onChange={(event) => {
          const { value } = event.target;
          setValues((previous) => ({ ...previous, language: isTenantLanguage(value) ? value : "" }));
        }}
      >
        <option value="">{t("tenants.languageAgency")}</option>
        {TENANT_LANGUAGES.map((code) => (
          <option key={code} value={code}>
            {t(`tenants.languages.${code}`)}
          </option>
        ))}
      </SelectField>
      <div className="form-actions">
        <Button type="submit" busy={pending} busyLabel={busyLabel}>
          {submitLabel}
        </Button>
        {onDiscard !== undefined && (
          <Button variant="secondary" onClick={onDiscard} disabled={pending}>
            {t("form.discard")}
          </Button>
        )}
      </div>
    </form>
  );
}
