import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { useDateFormat } from "@/lib/format/use-date-format";
import { useSchedulerHealth } from "../api/scheduler-health";

/** The scheduler's names for its work, in words staff know; work added later shows its name. */
const WORK_LABELS = {
  "leases.end_expired": "schedulerHealth.work.leaseEnds",
  "billing.generate_rent_invoices": "schedulerHealth.work.rentInvoices",
  "payments.reconcile_card_payments": "schedulerHealth.work.cardChecks",
  "notifications.deliver_outbox": "schedulerHealth.work.email",
  "payments.process_card_refunds": "schedulerHealth.work.cardRefunds",
  "scheduler.tasks": "schedulerHealth.work.tasks",
  "scheduler.tick": "schedulerHealth.work.tick",
} as const;

function isKnownWork(name: string): name is keyof typeof WORK_LABELS {
  return name in WORK_LABELS;
}

/**
 * Above every page while the time-driven work (rent invoices, lease ends, e-mail, card checks,
 * refunds) keeps failing for this agency or stops part-way, with what fails and since when:
 * nothing when it runs, and nothing while the answer is unknown.
 */
export function SchedulerHealthBanner() {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const { data: health } = useSchedulerHealth();
  if (health === undefined || health.status === "ok") return null;
  return (
    <div className="shell__banner">
      <Alert tone="warning">
        <p className="alert__text">
          <strong>{t(`schedulerHealth.${health.status}.title`)}</strong> {t(`schedulerHealth.${health.status}.text`)}
        </p>
        {health.failing.length > 0 && (
          <ul className="alert__text">
            {health.failing.map((work) => (
              <li key={work.name}>
                {t("schedulerHealth.failingWork", {
                  work: isKnownWork(work.name) ? t(WORK_LABELS[work.name]) : work.name,
                  count: work.consecutive_ticks,
                  since: dates.instant(work.since),
                })}
              </li>
            ))}
          </ul>
        )}
      </Alert>
    </div>
  );
}
