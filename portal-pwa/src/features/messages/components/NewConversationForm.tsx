import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { Field } from "@doorstep/web-shared/components/ui/Field";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { newIdempotencyKey } from "@doorstep/web-shared/lib/api/idempotency-key";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useReadOnly } from "@/lib/offline";
import { BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH, useStartConversation, type ConversationDetail } from "../api/messages";

export interface NewConversationFormProps {
  /** The tenant's leases, named ("Residence Louise, 1A"); asked for when there are several. */
  leases: readonly { id: string; label: string }[];
  onSent: (conversation: ConversationDetail) => void;
}

type FormField = "lease_id" | "subject" | "body";

/** "Write to the agency": the lease it is about (when the tenant has several), a subject and the message. */
export function NewConversationForm({ leases, onSent }: NewConversationFormProps) {
  const { t } = useTranslation();
  const readOnly = useReadOnly();
  const start = useStartConversation();
  const [values, setValues] = useState({ leaseId: "", subject: "", body: "" });
  const [missing, setMissing] = useState<Partial<Record<FormField, true>>>({});
  const [attemptKey, setAttemptKey] = useState(newIdempotencyKey);
  const askLease = leases.length > 1;
  const problem = start.isError ? describeProblem(start.error, t, { fields: ["lease_id", "subject", "body"] }) : undefined;
  const fieldError = (field: FormField): string | undefined =>
    missing[field] ? t(`messages.errors.${field === "lease_id" ? "lease" : field}`) : problem?.fieldErrors[field];

  function change(patch: Partial<typeof values>, field: FormField) {
    setValues((current) => ({ ...current, ...patch }));
    setMissing((current) => ({ ...current, [field]: undefined }));
    if (start.isError) start.reset();
    setAttemptKey(newIdempotencyKey());
  }

  function send(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Partial<Record<FormField, true>> = {};
    if (askLease && values.leaseId === "") found.lease_id = true;
    if (values.subject.trim() === "") found.subject = true;
    if (values.body.trim() === "") found.body = true;
    if (Object.keys(found).length > 0) {
      setMissing(found);
      return;
    }
    start.mutate(
      { leaseId: askLease ? values.leaseId : null, subject: values.subject, body: values.body, idempotencyKey: attemptKey },
      { onSuccess: onSent },
    );
  }

  const generalProblem = problem !== undefined && Object.keys(problem.fieldErrors).length === 0 ? problem.message : undefined;
  return (
    <form className="proof-form" onSubmit={send} noValidate>
      <div className="proof-form__fields">
        {askLease && (
          <Field label={t("messages.form.lease")} error={fieldError("lease_id")}>
            {(control) => (
              <select {...control} name="lease_id" className="field__input" value={values.leaseId} onChange={(e) => { change({ leaseId: e.target.value }, "lease_id"); }}>
                <option value="">{t("messages.form.chooseLease")}</option>
                {leases.map((lease) => (
                  <option key={lease.id} value={lease.id}>
                    {lease.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <TextField
          label={t("messages.form.subject")}
          hint={t("messages.form.subjectHint")}
          name="subject"
          maxLength={SUBJECT_MAX_LENGTH}
          value={values.subject}
          error={fieldError("subject")}
          onChange={(e) => { change({ subject: e.target.value }, "subject"); }}
        />
        <Field label={t("messages.form.body")} error={fieldError("body")}>
          {(control) => (
            <textarea
              {...control}
              name="body"
              rows={6}
              className="field__input"
              maxLength={BODY_MAX_LENGTH}
              value={values.body}
              onChange={(e) => { change({ body: e.target.value }, "body"); }}
            />
          )}
        </Field>
      </div>
      {generalProblem !== undefined && <Alert>{generalProblem}</Alert>}
      {readOnly && <Alert tone="info">{t("messages.offline")}</Alert>}
      <p className="proof-form__actions">
        <Button type="submit" busy={start.isPending} busyLabel={t("messages.sending")} disabled={readOnly}>
          {t("messages.send")}
        </Button>
      </p>
    </form>
  );
}
