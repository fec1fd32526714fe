import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { MAX_PAGE_SIZE } from "@/lib/api/pagination";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

export interface PendingScope {
  leaseId?: string;
  tenantId?: string;
}

/**
 * GET /api/v1/transfer-proofs?status=submitted (of one lease or tenant, or the whole agency), one
 * page: what tenants say they paid and staff have not reviewed yet — enough to show on a lease's,
 * a tenant's or an invoice's page and to count for the navigation ("200+" beyond).
 */
export const pendingProofsQueryOptions = ({ leaseId = "", tenantId = "" }: PendingScope = {}) =>
  queryOptions({
    queryKey: queryKeys.transferProofs.list({ status: "submitted", leaseId, tenantId, pending: true }),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET("/api/v1/transfer-proofs", {
          params: {
            query: {
              status: "submitted",
              lease_id: leaseId === "" ? undefined : leaseId,
              tenant_id: tenantId === "" ? undefined : tenantId,
              limit: MAX_PAGE_SIZE,
            },
          },
          signal,
        }),
      ),
    refetchInterval: 60_000,
  });

export function usePendingProofs(scope: PendingScope = {}, enabled = true) {
  return useQuery({ ...pendingProofsQueryOptions(scope), enabled });
}
