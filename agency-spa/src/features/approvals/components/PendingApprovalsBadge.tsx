import { useTranslation } from "react-i18next";
import { useMe } from "@/lib/auth/me";
import { can } from "@/lib/auth/permissions";
import { usePendingApprovals } from "../api/pending-approvals";

/**
 * For accountants and owners, the number of pending approvals they may decide (not their own
 * requests), beside the "Approvals" link; nothing when there are none.
 */
export function PendingApprovalsBadge() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const approver = me !== undefined && can(me.user.role, "approvals:write");
  const pending = usePendingApprovals(approver);
  if (!approver || pending.data === undefined) return null;
  const count = pending.data.items.filter((approval) => approval.requested_by_id !== me.user.id).length;
  if (count === 0) return null;
  const more = pending.data.next_cursor !== null;
  return (
    <span className="nav-badge">
      <span aria-hidden="true">{more ? `${count}+` : count}</span>
      <span className="visually-hidden">{t("approvals.badge", { count })}</span>
    </span>
  );
}
