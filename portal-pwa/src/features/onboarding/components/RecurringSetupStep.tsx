import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { OnboardingStep } from "../api/my-onboarding";

export interface RecurringSetupStepProps {
  /** The step's lease and its set-up, as the API reports them. */
  recurring: OnboardingStep["recurring"];
  /** The portal's recurring payment set-up for a lease (composed in by the route). */
  renderRecurring: (leaseId: string) => ReactNode;
}

/**
 * A recurring rent set-up step: the lease's set-up (card or SEPA mandate, with the authorisation
 * the recurring feature stores) until the lease has one; then what was set up. When the agency has
 * switched the feature off since the invite was sent, the step says so and does not hold the tenant up.
 */
export function RecurringSetupStep({ recurring, renderRecurring }: RecurringSetupStepProps) {
  const { t } = useTranslation();
  if (recurring?.set_up === true) {
    return <p role="status">{t("onboarding.steps.recurringSetUp", { method: recurring.payment_method_label ?? t(`recurring.method.${recurring.method ?? "card"}`) })}</p>;
  }
  if (recurring?.offered === false) return <p role="status">{t("onboarding.steps.recurringOff")}</p>;
  const leaseId = recurring?.lease_id ?? null;
  if (leaseId === null) return <p>{t("onboarding.steps.recurringNotReady")}</p>;
  return (
    <div className="stack">
      <p>{t("onboarding.steps.recurringIntro")}</p>
      {renderRecurring(leaseId)}
    </div>
  );
}
