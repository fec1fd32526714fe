import { useTranslation } from "react-i18next";
import type { IncidentPriority, IncidentStatus } from "../api/incidents";

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
