import { useState, type ReactNode, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import type { UseMutationResult } from "@tanstack/react-query";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { Field } from "@doorstep/web-shared/components/ui/Field";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { forgetRefusal } from "@doorstep/web-shared/lib/forms/stale-errors";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useReadOnly } from "@/lib/offline";
import type { OnboardingStep } from "../api/my-onboarding";
import type { StepAnswer } from "../api/step-answer";
import { fileToBase64, MAX_DOCUMENT_BYTES, readAnswers, savedAnswers, type StepContent } from "../lib/progress";
import { RecurringSetupStep } from "./RecurringSetupStep";

/** Saves one answer on the server: an invite's step or an assigned task, each through its own routes. */
export type StepSaver = UseMutationResult<void, Error, StepAnswer>;

export interface StepProps {
  step: StepContent;
  save: StepSaver;
  /** After the step was saved: move on. */
  onSaved: () => void;
}

function SaveError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error === null) return null;
  return <Alert>{describeProblem(error, t).message}</Alert>;
}

/** A form step: its fields, prefilled with what was saved; required ones must be filled. */
export function FormStep({ step, save, onSaved }: StepProps) {
  const { t } = useTranslation();
  const readOnly = useReadOnly();
  const [values, setValues] = useState(() => savedAnswers(step));
  const [missing, setMissing] = useState<string[]>([]);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = readAnswers(step, values);
    setMissing(read.missing);
    if (read.missing.length > 0) return;
    save.mutate({ kind: "form", answers: read.answers }, { onSuccess: onSaved });
  }

  return (
    <form onSubmit={submit} noValidate className="stack">
      <SaveError error={save.error} />
      {step.fields.map((field) => (
        <TextField
          key={field.key}
          label={field.required ? field.label : t("onboarding.steps.optional", { label: field.label })}
          name={field.key}
          required={field.required}
          value={values[field.key] ?? ""}
          error={missing.includes(field.key) ? t("onboarding.steps.required") : undefined}
          onChange={(event) => {
            const { value } = event.target;
            setValues((previous) => ({ ...previous, [field.key]: value }));
            setMissing((previous) => previous.filter((key) => key !== field.key));
            forgetRefusal(save);
          }}
        />
      ))}
      <Button type="submit" busy={save.isPending} busyLabel={t("onboarding.steps.saving")} disabled={readOnly}>
        {t("onboarding.steps.saveAndContinue")}
      </Button>
    </form>
  );
}

/** Read and accept: the text in full, then "I have read and accept", recorded with its version. */
export function AcceptStep({ step, save, onSaved }: StepProps) {
  const { t } = useTranslation();
  const readOnly = useReadOnly();
  const [agreed, setAgreed] = useState(false);
  const [error, setError] = useState(false);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(!agreed);
    if (!agreed || step.text_version === null) return;
    save.mutate({ kind: "accept", textVersion: step.text_version }, { onSuccess: onSaved });
  }

  return (
    <form onSubmit={submit} noValidate className="stack">
      <SaveError error={save.error} />
      <div className="onboarding-text" tabIndex={0} aria-label={t("onboarding.steps.textLabel")}>
        {(step.text ?? "").split("\n").map((line, index) => (
          // The text's lines never move: their place is a stable key.
          <p key={`${String(index)}:${line}`}>{line}</p>
        ))}
      </div>
      <Field label={t("onboarding.steps.agree")} error={error ? t("onboarding.steps.agreeRequired") : undefined} layout="checkbox">
        {(control) => (
          <input
            type="checkbox"
            name="agree"
            checked={agreed}
            onChange={(event) => {
              setAgreed(event.target.checked);
              setError(false);
              forgetRefusal(save);
            }}
            {...control}
          />
        )}
      </Field>
      <Button type="submit" busy={save.isPending} busyLabel={t("onboarding.steps.saving")} disabled={readOnly}>
        {t("onboarding.steps.accept")}
      </Button>
    </form>
  );
}

/** A document to upload (ID, proof of income): one file of at most 5 MB. */
export function UploadStep({ step, save, onSaved }: StepProps) {
  const { t } = useTranslation();
  const readOnly = useReadOnly();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | undefined>();

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (file === null) {
      setError(t("onboarding.steps.chooseFile"));
      return;
    }
    if (file.size > MAX_DOCUMENT_BYTES) {
      setError(t("onboarding.steps.fileTooLarge"));
      return;
    }
    setError(undefined);
    const contentBase64 = await fileToBase64(file);
    save.mutate(
      { kind: "document", fileName: file.name, contentType: file.type === "" ? "application/octet-stream" : file.type, contentBase64 },
      { onSuccess: onSaved },
    );
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="stack">
      <SaveError error={save.error} />
      {step.uploaded_file_name !== null && <p>{t("onboarding.steps.uploaded", { file: step.uploaded_file_name })}</p>}
      <Field label={step.document_label ?? t("onboarding.steps.document")} hint={t("onboarding.steps.fileHint")} error={error}>
        {(control) => (
          <input
            type="file"
            name="document"
            accept="application/pdf,image/jpeg,image/png"
            className="field__input"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setError(undefined);
              forgetRefusal(save);
            }}
            {...control}
          />
        )}
      </Field>
      <Button type="submit" busy={save.isPending} busyLabel={t("onboarding.steps.uploading")} disabled={readOnly}>
        {t("onboarding.steps.upload")}
      </Button>
    </form>
  );
}

export interface StepBodyProps {
  /** An invite's step carries its recurring set-up's state; an assigned task has none. */
  step: StepContent & Partial<Pick<OnboardingStep, "recurring">>;
  save: StepSaver;
  locale: string;
  /** The portal's card payment for a payment step's invoice (composed in by the route). */
  renderPayment: (invoiceId: string) => ReactNode;
  /** The portal's recurring payment set-up for a recurring step's lease (composed in by the route). */
  renderRecurring?: (leaseId: string) => ReactNode;
  onSaved: () => void;
}

/** One step of any kind, with the same components and rules wherever the task is done (an invite's flow or an assigned task). */
export function StepBody({ step, save, locale, renderPayment, renderRecurring, onSaved }: StepBodyProps) {
  const { t } = useTranslation();
  if (step.kind === "form") return <FormStep step={step} save={save} onSaved={onSaved} />;
  if (step.kind === "read_and_accept") return <AcceptStep step={step} save={save} onSaved={onSaved} />;
  if (step.kind === "document_upload") return <UploadStep step={step} save={save} onSaved={onSaved} />;
  if (step.kind === "recurring_setup") {
    if (renderRecurring === undefined) return <p>{t("onboarding.steps.recurringNotReady")}</p>;
    return <RecurringSetupStep recurring={step.recurring ?? null} renderRecurring={renderRecurring} />;
  }
  return (
    <div className="stack">
      {step.description !== null && <p>{step.description}</p>}
      {step.amount !== null && <p>{t("onboarding.steps.amount", { amount: formatMoney(step.amount.amount, step.amount.currency, locale) })}</p>}
      {step.done ? (
        <p role="status">{t("onboarding.steps.paid")}</p>
      ) : step.invoice_id === null ? (
        <p>{t("onboarding.steps.paymentNotReady")}</p>
      ) : (
        renderPayment(step.invoice_id)
      )}
    </div>
  );
}
