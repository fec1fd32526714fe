import { useTranslation } from "react-i18next";
import type { IncidentStatus } from "../api/incidents";

const TONES: Record<IncidentStatus, string> = {
  reported: "info",
  qualified: "info",
  assigned: "warning",
  scheduled: "warning",
  resolved: "success",
  rejected: "danger",
  cancelled: "neutral",
};

/** The incident's status in words, coloured (never colour alone). */
export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--money-${TONES[status]}`}>{t(`incidents.status.${status}`)}</span>;
}
