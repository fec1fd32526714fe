import type { Me } from "@/lib/auth/me";
import { can } from "@/lib/auth/permissions";
import type { Approval } from "../api/list-approvals";

export type DecisionRight = "decide" | "own-request" | "not-approver" | "decided";

/**
 * Who may decide (audit/service.py: decide): a pending approval, by an accountant or owner (only
 * an owner for a change of the approval threshold), who is not the person who asked for it. The
 * API refuses the rest; the inbox does not offer it.
 */
export function decisionRight(
  approval: Pick<Approval, "status" | "requested_by_id" | "kind">,
  me: Pick<Me, "user"> | undefined,
): DecisionRight {
  if (approval.status !== "pending") return "decided";
  if (me === undefined || !can(me.user.role, "approvals:write")) return "not-approver";
  if (approval.kind === "threshold_change" && me.user.role !== "owner") return "not-approver";
  if (approval.requested_by_id === me.user.id) return "own-request";
  return "decide";
}
