import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { MAX_PAGE_SIZE } from "@/lib/api/pagination";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

/** GET /api/v1/approvals?status=pending, one page: enough to count what waits for a decision (shown as "200+" beyond). */
export const pendingApprovalsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.approvals.list({ status: "pending", count: true }),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/approvals", { params: { query: { status: "pending", limit: MAX_PAGE_SIZE } }, signal })),
    refetchInterval: 60_000,
  });

export function usePendingApprovals(enabled: boolean) {
  return useQuery({ ...pendingApprovalsQueryOptions(), enabled });
}
