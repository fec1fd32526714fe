import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { Field } from "@doorstep/web-shared/components/ui/Field";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { newIdempotencyKey } from "@doorstep/web-shared/lib/api/idempotency-key";
import { ApiError, describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useReadOnly } from "@/lib/offline";
import { INCIDENT_CATEGORIES, useReportIncident, type IncidentDetail } from "../api/incidents";
import {
  AVAILABILITY_MAX_LENGTH,
  DESCRIPTION_MAX_LENGTH,
  PHOTO_TYPES,
  readReport,
  REPORT_FIELDS,
  TITLE_MAX_LENGTH,
  type ReportErrors,
  type ReportField,
  type ReportValues,
} from "../lib/report-form";

export interface IncidentReportFormProps {
  /** The tenant's active leases, named ("Residence Louise, 1A"); asked for when there are several. */
  leases: readonly { id: string; label: string }[];
  onSent: (incident: IncidentDetail) => void;
}

const EMPTY: ReportValues = { leaseId: "", category: "", title: "", description: "", availability: "", photos: [] };

/**
 * "Report a problem" (seed 002): the home it is about (when the tenant has several), the kind of
 * problem, a title, what is happening, when someone can come in, and up to four photos (phones
 * offer the camera). Checked here first, then by the API, whose field errors show on the same
 * fields. One Idempotency-Key per attempt, kept while the outcome is unknown so that sending again
 * cannot report twice.
 */
export function IncidentReportForm({ leases, onSent }: IncidentReportFormProps) {
  const { t } = useTranslation();
  const readOnly = useReadOnly();
  const submit = useReportIncident();
  const [values, setValues] = useState<ReportValues>(EMPTY);
  const [errors, setErrors] = useState<ReportErrors>({});
  const [attemptKey, setAttemptKey] = useState(newIdempotencyKey);
  const askLease = leases.length > 1;

  const problem = submit.isError
    ? describeProblem(submit.error, t, {
        fields: REPORT_FIELDS,
        byType: { "photo-too-large": { field: "photos", message: t("incidents.form.errors.tooLarge") } },
      })
    : undefined;
  const fieldError = (field: ReportField): string | undefined => {
    const own = errors[field];
    if (own !== undefined) return t(`incidents.form.errors.${own}`);
    if (field === "photos" && submit.error instanceof ApiError && submit.error.status === 413) return t("incidents.form.errors.tooLarge");
    return problem?.fieldErrors[field];
  };

  function change(patch: Partial<ReportValues>, field: ReportField) {
    setValues((current) => ({ ...current, ...patch }));
    setErrors((current) => ({ ...current, [field]: undefined }));
    if (submit.isError) submit.reset();
    // Changed values are a new attempt.
    setAttemptKey(newIdempotencyKey());
  }

  function send(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = readReport(values, askLease);
    if ("errors" in read) {
      setErrors(read.errors);
      return;
    }
    submit.mutate({ ...read.report, idempotencyKey: attemptKey }, { onSuccess: onSent });
  }

  const generalProblem = problem !== undefined && Object.keys(problem.fieldErrors).length === 0 ? problem.message : undefined;
  return (
    <form className="proof-form" onSubmit={send} noValidate>
      <div className="proof-form__fields">
        {askLease && (
          <Field label={t("incidents.form.lease")} error={fieldError("lease_id")}>
            {(control) => (
              <select {...control} name="lease_id" className="field__input" value={values.leaseId} onChange={(e) => { change({ leaseId: e.target.value }, "lease_id"); }}>
                <option value="">{t("incidents.form.chooseLease")}</option>
                {leases.map((lease) => (
                  <option key={lease.id} value={lease.id}>
                    {lease.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t("incidents.form.category")} error={fieldError("category")}>
          {(control) => (
            <select
              {...control}
              name="category"
              className="field__input"
              value={values.category}
              onChange={(e) => { change({ category: e.target.value as ReportValues["category"] }, "category"); }}
            >
              <option value="">{t("incidents.form.chooseCategory")}</option>
              {INCIDENT_CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {t(`incidents.category.${category}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          label={t("incidents.form.summary")}
          hint={t("incidents.form.summaryHint")}
          name="title"
          maxLength={TITLE_MAX_LENGTH}
          value={values.title}
          error={fieldError("title")}
          onChange={(e) => { change({ title: e.target.value }, "title"); }}
        />
        <Field label={t("incidents.form.description")} hint={t("incidents.form.descriptionHint")} error={fieldError("description")}>
          {(control) => (
            <textarea
              {...control}
              name="description"
              rows={5}
              className="field__input"
              maxLength={DESCRIPTION_MAX_LENGTH}
              value={values.description}
              onChange={(e) => { change({ description: e.target.value }, "description"); }}
            />
          )}
        </Field>
        <Field label={t("incidents.form.availability")} hint={t("incidents.form.availabilityHint")} error={fieldError("availability")}>
          {(control) => (
            <textarea
              {...control}
              name="availability"
              rows={2}
              className="field__input"
              maxLength={AVAILABILITY_MAX_LENGTH}
              value={values.availability}
              onChange={(e) => { change({ availability: e.target.value }, "availability"); }}
            />
          )}
        </Field>
        <Field label={t("incidents.form.photos")} hint={t("incidents.form.photosHint")} error={fieldError("photos")}>
          {(control) => (
            <input
              {...control}
              type="file"
              name="photos"
              multiple
              accept={PHOTO_TYPES.join(",")}
              className="field__input"
              onChange={(e) => { change({ photos: Array.from(e.target.files ?? []) }, "photos"); }}
            />
          )}
        </Field>
      </div>
      {generalProblem !== undefined && <Alert>{generalProblem}</Alert>}
      {readOnly && <Alert tone="info">{t("incidents.form.offline")}</Alert>}
      <p className="proof-form__actions">
        <Button type="submit" busy={submit.isPending} busyLabel={t("incidents.form.sending")} disabled={readOnly}>
          {t("incidents.form.send")}
        </Button>
      </p>
    </form>
  );
}
