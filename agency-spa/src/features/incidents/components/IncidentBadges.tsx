import { useTranslation } from "react-i18next";
import type { Incident, IncidentPriority, IncidentStatus } from "../api/incidents";
import { OVERDUE_AFTER_DAYS, isOpen, isOverdue, waited } from "./triage";

const STATUS_TONES: Record<IncidentStatus, string> = {
  reported: "draft",
  qualified: "active",
  assigned: "active",
  scheduled: "active",
  resolved: "ended",
  rejected: "cancelled",
  cancelled: "cancelled",
};

/** Where the incident stands, in words (never colour alone). */
export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${STATUS_TONES[status]}`}>{t(`incidents.status.${status}`)}</span>;
}

export function PriorityLabel({ priority }: { priority: IncidentPriority | null }) {
  const { t } = useTranslation();
  if (priority === null) return <>{t("incidents.none")}</>;
  return <span className={priority === "urgent" || priority === "high" ? "incident-priority incident-priority--high" : "incident-priority"}>{t(`incidents.priority.${priority}`)}</span>;
}

/**
 * How long an open incident has waited since it was reported, with an "Overdue" marker (in words)
 * once it has waited longer than its priority allows (triage.ts). Nothing for a closed one.
 */
export function WaitedLabel({ incident, now }: { incident: Pick<Incident, "status" | "priority" | "reported_at">; now: number }) {
  const { t } = useTranslation();
  if (!isOpen(incident.status)) return <>{t("incidents.none")}</>;
  const age = waited(incident.reported_at, now);
  const text = age.unit === "days" ? t("incidents.waitedDays", { count: age.count }) : t("incidents.waitedHours", { count: age.count });
  if (!isOverdue(incident, now)) return <>{text}</>;
  const limit = t("incidents.waitedDays", { count: OVERDUE_AFTER_DAYS[incident.priority ?? "unqualified"] });
  return (
    <span className="badges">
      {text}{" "}
      <span className="badge badge--cancelled" title={t("incidents.overdueFor", { limit })}>
        {t("incidents.overdue")}
      </span>
    </span>
  );
}
