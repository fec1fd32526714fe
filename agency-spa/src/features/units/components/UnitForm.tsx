import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextAreaField } from "@/components/ui/TextAreaField";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { useFormErrors } from "@/lib/hooks/use-form-errors";
import { readUnitForm, UNIT_FIELDS, type UnitField, type UnitFormOutput, type UnitFormValues } from "./unit-form-values";

export interface UnitFormProps {
  initial: UnitFormValues;
  submitLabel: string;
  busyLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (unit: UnitFormOutput) => void;
  onDiscard?: () => void;
  /** Bump to empty the form (after a unit was added). */
  resetKey?: number;
}

/** A unit's name, bedrooms and notes. */
export function UnitForm(props: UnitFormProps) {
  // A new key remounts the fields with `initial`, and so empties them after an add.
  return <UnitFormFields key={props.resetKey ?? 0} {...props} />;
}

function UnitFormFields({ initial, submitLabel, busyLabel, pending, error, onSubmit, onDiscard }: UnitFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const { formRef, fieldErrors, summary, setClientErrors } = useFormErrors<UnitField>(error, {
    fields: UNIT_FIELDS,
    byType: { "unit-name-taken": { field: "name", message: t("units.nameTaken") } },
  });

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = readUnitForm(values, { required: t("form.required"), bedrooms: t("units.bedroomsInvalid") });
    setClientErrors(result.ok ? {} : result.errors);
    if (result.ok) onSubmit(result.unit);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="stack form">
      {summary !== undefined && <Alert>{summary}</Alert>}
      <TextField
        label={t("units.fields.name")}
        hint={t("units.nameHint")}
        name="name"
        autoComplete="off"
        required
        value={values.name}
        error={fieldErrors.name}
        onChange={(event) => {
          const { value } = event.target;
          setValues((previous) => ({ ...previous, name: value }));
        }}
      />
      <TextField
        label={t("units.fields.bedroomsOptional")}
        name="bedrooms"
        type="number"
        inputMode="numeric"
        min={0}
        max={50}
        step={1}
        className="field--narrow"
        value={values.bedrooms}
        error={fieldErrors.bedrooms}
        onChange={(event) => {
          const { value } = event.target;
          setValues((previous) => ({ ...previous, bedrooms: value }));
        }}
      />
      <TextAreaField
        label={t("units.fields.notesOptional")}
        name="notes"
        maxLength={5000}
        value={values.notes}
        error={fieldErrors.notes}
        onChange={(event) => {
          const { value } = event.target;
          setValues((previous) => ({ ...previous, notes: value }));
        }}
      />
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
