import { useTranslation } from "react-i18next";
import type { InviteStatus } from "../api/list-invites";

/** Pending, Used, Expired or Cancelled (seed 001): the word carries the meaning, colours only repeat it. */
export function InviteStatusBadge({ status }: { status: InviteStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--invite-${status}`}>{t(`customers.invites.status.${status}`)}</span>;
}
