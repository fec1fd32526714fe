import { useTranslation } from "react-i18next";
import type { LeaseStatus } from "../api/list-leases";

/** The lease's status as a coloured badge; the colour only repeats what the word says. */
export function LeaseStatusBadge({ status }: { status: LeaseStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${status}`}>{t(`leases.status.${status}`)}</span>;
}
