import { useState, type ChangeEvent, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { SelectField } from "@/components/ui/SelectField";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { countryOptions } from "@/lib/format/countries";
import { missingFields, useFormErrors } from "@/lib/hooks/use-form-errors";
import { useLocale } from "@/lib/i18n/use-locale";

export type PropertyField = "name" | "address_line1" | "address_line2" | "postal_code" | "city" | "country";
export type PropertyFormValues = Record<PropertyField, string>;

const FIELDS: readonly PropertyField[] = ["name", "address_line1", "address_line2", "postal_code", "city", "country"];
const REQUIRED: readonly PropertyField[] = ["name", "address_line1", "postal_code", "city", "country"];

export interface PropertyFormProps {
  initial: PropertyFormValues;
  submitLabel: string;
  busyLabel: string;
  pending: boolean;
  /** The create or update mutation's error: its field errors land on the fields. */
  error: unknown;
  onSubmit: (values: PropertyFormValues) => void;
  onDiscard?: () => void;
}

/** A property's name and postal address, for creating and for editing. */
export function PropertyForm({ initial, submitLabel, busyLabel, pending, error, onSubmit, onDiscard }: PropertyFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [values, setValues] = useState(initial);
  const { formRef, fieldErrors, summary, setClientErrors } = useFormErrors<PropertyField>(error, { fields: FIELDS });

  const bind = (field: PropertyField) => ({
    name: field,
    value: values[field],
    error: fieldErrors[field],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
      const { value } = event.target;
      setValues((previous) => ({ ...previous, [field]: value }));
    },
  });

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = missingFields(values, REQUIRED, t("form.required"));
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const trimmed = Object.fromEntries(FIELDS.map((field) => [field, values[field].trim()])) as PropertyFormValues;
    onSubmit(trimmed);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="stack form">
      {summary !== undefined && <Alert>{summary}</Alert>}
      <TextField label={t("properties.fields.name")} autoComplete="off" required {...bind("name")} />
      <TextField label={t("properties.fields.addressLine1")} autoComplete="address-line1" required {...bind("address_line1")} />
      <TextField label={t("properties.fields.addressLine2")} autoComplete="address-line2" {...bind("address_line2")} />
      <div className="form-row">
        <TextField label={t("properties.fields.postalCode")} autoComplete="postal-code" required {...bind("postal_code")} />
        <TextField label={t("properties.fields.city")} autoComplete="address-level2" required {...bind("city")} />
      </div>
      <SelectField label={t("properties.fields.country")} required {...bind("country")}>
        {values.country === "" && <option value="">{t("form.choose")}</option>}
        {countryOptions(locale, [initial.country]).map(({ code, name }) => (
          <option key={code} value={code}>
            {name}
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
