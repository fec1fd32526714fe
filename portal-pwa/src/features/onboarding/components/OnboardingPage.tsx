import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useQuery } from "@tanstack/react-query";
import { onboardingQueryOptions, useMyOnboarding, useSaveStep, type OnboardingStep } from "../api/my-onboarding";
import { currentStep } from "../lib/progress";
import { StepBody } from "./StepForms";

/** While a payment step waits for its invoice to be paid (or a recurring step for its set-up), look again this often. */
const PAYMENT_POLL_MS = 3_000;

export interface OnboardingPageProps {
  locale: string;
  /** The portal's card payment for a payment step's invoice (composed in by the route). */
  renderPayment: (invoiceId: string) => ReactNode;
  /** The portal's recurring payment set-up for a recurring step's lease (composed in by the route). */
  renderRecurring: (leaseId: string) => ReactNode;
}

/** An invite's step, saved through the invite's step routes. */
function InviteStepBody({ inviteId, step, locale, renderPayment, renderRecurring, onSaved }: { inviteId: string; step: OnboardingStep; onSaved: () => void } & OnboardingPageProps) {
  const save = useSaveStep(inviteId, step.position);
  return <StepBody step={step} save={save} locale={locale} renderPayment={renderPayment} renderRecurring={renderRecurring} onSaved={onSaved} />;
}

/**
 * The invitee's onboarding: visible progress, each step in turn (a form, a document, a text to
 * accept, a payment, a recurring rent set-up), saved on the server so the tenant can stop and resume on any device, and
 * the way home once everything is done.
 */
export function OnboardingPage({ locale, renderPayment, renderRecurring }: OnboardingPageProps) {
  const { t } = useTranslation();
  const onboarding = useMyOnboarding();
  const [picked, setPicked] = useState<number | null>(null);
  const data = onboarding.data ?? null;
  const step = data === null ? undefined : currentStep(data, picked);
  // A card payment settles at the card processor: until the step shows paid, ask again.
  // A recurring set-up is recorded by the recurring feature: the step shows done once the server sees it.
  const waitingForPayment =
    (step?.kind === "payment" && !step.done && step.invoice_id !== null) || (step?.kind === "recurring_setup" && !step.done && step.recurring?.lease_id != null);
  useQuery({ ...onboardingQueryOptions(), refetchInterval: waitingForPayment ? PAYMENT_POLL_MS : false });

  if (onboarding.isPending) return <p aria-busy="true">{t("app.loading")}</p>;
  if (onboarding.isError) return <Alert>{describeProblem(onboarding.error, t).message}</Alert>;
  if (data === null) {
    return (
      <>
        <h1>{t("onboarding.title")}</h1>
        <p>{t("onboarding.none")}</p>
        <Link to="/">{t("onboarding.goHome")}</Link>
      </>
    );
  }

  return (
    <>
      <header className="page-header">
        <h1>{t("onboarding.title")}</h1>
        <p className="muted">{t("onboarding.intro", { agency: data.agency_name })}</p>
      </header>
      <p id="onboarding-progress">{t("onboarding.progress", { done: data.steps_done, total: data.steps_total })}</p>
      <progress className="onboarding-progress" max={data.steps_total} value={data.steps_done} aria-labelledby="onboarding-progress" />
      <ol className="onboarding-steps" aria-label={t("onboarding.stepsLabel")}>
        {data.steps.map((item) => (
          <li key={item.position} aria-current={item.position === step?.position ? "step" : undefined}>
            <Button
              variant="link"
              onClick={() => {
                setPicked(item.position);
              }}
            >
              {item.name}
            </Button>{" "}
            <span className={item.done ? "badge badge--money-success" : "badge badge--money-neutral"}>{item.done ? t("onboarding.done") : t("onboarding.toDo")}</span>
          </li>
        ))}
      </ol>
      {step !== undefined ? (
        <section className="card" aria-labelledby="onboarding-step">
          <h2 id="onboarding-step" className="card__title">
            {t("onboarding.stepTitle", { position: step.position, total: data.steps_total, name: step.name })}
          </h2>
          <InviteStepBody
            key={step.position}
            inviteId={data.invite_id}
            step={step}
            locale={locale}
            renderPayment={renderPayment}
            renderRecurring={renderRecurring}
            onSaved={() => {
              setPicked(null);
            }}
          />
          <p className="muted">{t("onboarding.resumeLater")}</p>
        </section>
      ) : (
        <section className="card" aria-labelledby="onboarding-complete">
          <h2 id="onboarding-complete" className="card__title">
            {t("onboarding.completeTitle")}
          </h2>
          <p>{t("onboarding.completeBody", { agency: data.agency_name })}</p>
          <Link className="button button--primary" to="/">
            {t("onboarding.goHome")}
          </Link>
        </section>
      )}
    </>
  );
}

/** On the home screen while steps remain: where the tenant stopped and the way back to them. */
export function OnboardingReminder() {
  const { t } = useTranslation();
  const onboarding = useMyOnboarding();
  const data = onboarding.data;
  if (data === undefined || data === null || data.complete) return null;
  return (
    <section className="card" aria-labelledby="onboarding-reminder">
      <h2 id="onboarding-reminder" className="card__title">
        {t("onboarding.reminderTitle")}
      </h2>
      <p>{t("onboarding.progress", { done: data.steps_done, total: data.steps_total })}</p>
      <Link className="button button--primary" to="/onboarding">
        {t("onboarding.continue")}
      </Link>
    </section>
  );
}
