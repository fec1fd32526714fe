import { api } from "@/lib/api/client";
import { cursorListOptions, PAGE_SIZE, useCursorList } from "@/lib/api/pagination";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type Approval = components["schemas"]["ApprovalOut"];
export type ApprovalStatus = components["schemas"]["ApprovalStatus"];

export const APPROVAL_STATUSES: readonly ApprovalStatus[] = ["pending", "approved", "rejected"];

/** GET /api/v1/approvals: decisions, newest first; `status` narrows to pending (the inbox) or decided ones. */
export const approvalsListQueryOptions = (status: ApprovalStatus | undefined) =>
  cursorListOptions(queryKeys.approvals.list({ status }), async (cursor, signal) =>
    unwrap(await api.GET("/api/v1/approvals", { params: { query: { status, cursor, limit: PAGE_SIZE } }, signal })),
  );

export function useApprovalsList(status: ApprovalStatus | undefined) {
  return useCursorList(approvalsListQueryOptions(status));
}
