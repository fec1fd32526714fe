import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { problemSlug } from "@doorstep/web-shared/lib/api/problem";
import { wallTimeOf } from "@doorstep/web-shared/lib/format/wall-time";
import { SelectField } from "@/components/ui/SelectField";
import { TextAreaField } from "@/components/ui/TextAreaField";
import { useDateFormat } from "@/lib/format/use-date-format";
import { useFormErrors } from "@/lib/hooks/use-form-errors";
import { useIdempotencyKey } from "@/lib/hooks/use-idempotency-key";
import {
  INCIDENT_CATEGORIES,
  INCIDENT_PRIORITIES,
  useContractors,
  useIncidentStep,
  type IncidentDetail,
  type IncidentStep,
  type StepBody,
} from "../api/incidents";
import { visitInstant } from "./step-values";

const STEP_FIELDS = ["priority", "category", "contractor_id", "scheduled_for", "resolution_note", "reason", "note", "internal_note"] as const;
type StepField = (typeof STEP_FIELDS)[number];

function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}


/**
 * The form of one step of an incident: qualify (priority, corrected category), assign (a
 * contractor of the trade first), schedule (the visit's date and time), resolve (what was done),
 * reject (why). A message to the tenant and an internal note go with each; the tenant is e-mailed
 * by the API. One Idempotency-Key per attempt.
 */
export function IncidentStepForm({ incident, step, onDone }: { incident: IncidentDetail; step: IncidentStep; onDone: () => void }) {
  const { t } = useTranslation();
  const mutation = useIncidentStep(incident.id);
  const attempt = useIdempotencyKey();
  const contractors = useContractors({ archived: false });
  // The visit is typed and shown on the agency's clock, whatever the browser's zone.
  const { timeZone } = useDateFormat();
  const [values, setValues] = useState({
    priority: incident.priority ?? "",
    category: "",
    contractor_id: incident.contractor_id ?? "",
    scheduled_for: incident.scheduled_for === null ? "" : wallTimeOf(incident.scheduled_for, timeZone),
    resolution_note: "",
    reason: "",
    note: "",
    internal_note: "",
  });
  const { formRef, fieldErrors, summary, setClientErrors } = useFormErrors(mutation.error, { fields: STEP_FIELDS });
  const set = (field: StepField) => (event: { target: { value: string } }) => {
    setValues((current) => ({ ...current, [field]: event.target.value }));
  };

  // A contractor of the incident's trade first, then the others.
  const offered = [...(contractors.data?.items ?? [])].sort(
    (a, b) => Number(b.categories.includes(incident.category)) - Number(a.categories.includes(incident.category)),
  );
  // Exactly one contractor of the trade: it is the obvious choice, so it comes chosen.
  const ofTheTrade = offered.filter((contractor) => contractor.categories.includes(incident.category));
  const soleOfTheTrade = ofTheTrade.length === 1 ? ofTheTrade[0] : undefined;
  const contractorId = values.contractor_id === "" && soleOfTheTrade !== undefined ? soleOfTheTrade.id : values.contractor_id;

  function request(): StepBody | Partial<Record<StepField, string>> {
    const required = (field: StepField): Partial<Record<StepField, string>> => ({ [field]: t("form.required") });
    const notes = { note: optional(values.note), internal_note: optional(values.internal_note) };
    switch (step) {
      case "qualify":
        if (values.priority === "") return required("priority");
        return {
          step,
          body: {
            priority: values.priority as (typeof INCIDENT_PRIORITIES)[number],
            category: values.category === "" ? undefined : (values.category as (typeof INCIDENT_CATEGORIES)[number]),
            ...notes,
          },
        };
      case "assign":
        if (contractorId === "") return required("contractor_id");
        return { step, body: { contractor_id: contractorId, ...notes } };
      case "schedule": {
        const visit = visitInstant(values.scheduled_for, timeZone);
        if (!visit.ok) {
          return visit.reason === "skipped" ? { scheduled_for: t("incidents.steps.skippedTime", { zone: timeZone }) } : required("scheduled_for");
        }
        return { step, body: { scheduled_for: visit.instant, ...notes } };
      }
      case "resolve": {
        const note = optional(values.resolution_note);
        if (note === undefined) return required("resolution_note");
        return { step, body: { resolution_note: note, internal_note: notes.internal_note } };
      }
      case "reject": {
        const reason = optional(values.reason);
        if (reason === undefined) return required("reason");
        return { step, body: { reason, internal_note: notes.internal_note } };
      }
    }
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const built = request();
    if (!("step" in built)) {
      setClientErrors(built);
      return;
    }
    setClientErrors({});
    void mutation.mutateAsync({ request: built, idempotencyKey: attempt.keyFor(built) }).then(
      () => {
        attempt.reset();
        onDone();
      },
      () => undefined,
    );
  }

  const shownSummary = problemSlug(mutation.error) === "incident-step-refused" ? t("incidents.steps.refused") : summary;
  const withNote = step === "qualify" || step === "assign" || step === "schedule";

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="stack form" aria-label={t(`incidents.steps.${step}`)}>
      {shownSummary !== undefined && <Alert>{shownSummary}</Alert>}
      {step === "qualify" && (
        <>
          <SelectField label={t("incidents.steps.priority")} name="priority" value={values.priority} error={fieldErrors.priority} onChange={set("priority")}>
            <option value="">{t("form.choose")}</option>
            {INCIDENT_PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {t(`incidents.priority.${priority}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("incidents.steps.category")} name="category" value={values.category} error={fieldErrors.category} onChange={set("category")}>
            <option value="">{t("incidents.steps.sameCategory")}</option>
            {INCIDENT_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {t(`incidents.category.${category}`)}
              </option>
            ))}
          </SelectField>
        </>
      )}
      {step === "assign" && (
        <>
          {contractors.data !== undefined && offered.length === 0 && <p className="muted">{t("incidents.steps.noContractor")}</p>}
          <SelectField
            label={t("incidents.steps.contractor")}
            name="contractor_id"
            value={contractorId}
            error={fieldErrors.contractor_id}
            onChange={set("contractor_id")}
          >
            <option value="">{t("incidents.steps.chooseContractor")}</option>
            {offered.map((contractor) => (
              <option key={contractor.id} value={contractor.id}>
                {contractor.name} ({contractor.categories.map((category) => t(`incidents.category.${category}`)).join(", ")})
              </option>
            ))}
          </SelectField>
        </>
      )}
      {step === "schedule" && (
        <TextField
          label={t("incidents.steps.scheduledFor")}
          name="scheduled_for"
          type="datetime-local"
          hint={t("incidents.steps.scheduledForZone", { zone: timeZone })}
          value={values.scheduled_for}
          error={fieldErrors.scheduled_for}
          onChange={set("scheduled_for")}
        />
      )}
      {step === "resolve" && (
        <TextAreaField
          label={t("incidents.steps.resolutionNote")}
          name="resolution_note"
          maxLength={2000}
          value={values.resolution_note}
          error={fieldErrors.resolution_note}
          onChange={set("resolution_note")}
        />
      )}
      {step === "reject" && (
        <TextAreaField label={t("incidents.steps.reason")} name="reason" maxLength={2000} value={values.reason} error={fieldErrors.reason} onChange={set("reason")} />
      )}
      {withNote && (
        <TextAreaField label={t("incidents.steps.note")} name="note" maxLength={2000} value={values.note} error={fieldErrors.note} onChange={set("note")} />
      )}
      <TextAreaField
        label={t("incidents.steps.internalNote")}
        name="internal_note"
        maxLength={2000}
        value={values.internal_note}
        error={fieldErrors.internal_note}
        onChange={set("internal_note")}
      />
      <div className="form-actions">
        <Button type="submit" variant={step === "reject" ? "danger" : "primary"} busy={mutation.isPending} busyLabel={t("incidents.steps.saving")}>
          {t(`incidents.steps.${step}`)}
        </Button>
      </div>
    </form>
  );
}
