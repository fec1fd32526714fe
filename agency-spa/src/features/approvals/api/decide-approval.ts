import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { useMoneyChanged } from "@/lib/api/money-changed";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

export type Decision = "approve" | "reject";

export interface DecideRequest {
  approvalId: string;
  decision: Decision;
  /** Why, for the record (optional). */
  note: string;
}

export async function decideApproval({ approvalId, decision, note }: DecideRequest) {
  const init = { params: { path: { approval_id: approvalId } }, ...(note === "" ? {} : { body: { note } }) };
  return unwrap(
    decision === "approve"
      ? await api.POST("/api/v1/approvals/{approval_id}/approve", init)
      : await api.POST("/api/v1/approvals/{approval_id}/reject", init),
  );
}

/**
 * POST /api/v1/approvals/{approval_id}/approve | reject: an accountant or owner other than the
 * requester decides; approving carries the decision out (applies the credit note, makes the
 * refund), so every money view is refreshed.
 */
export function useDecideApproval() {
  const changed = useMoneyChanged();
  return useMutation({ mutationFn: decideApproval, onSuccess: changed });
}
