import { useTranslation } from "react-i18next";
import type { Lease } from "../api/get-my-lease";

export function LeaseStatusBadge({ status }: { status: Lease["status"] }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${status}`}>{t(`lease.status.${status}`)}</span>;
}
