import { queryOptions, useQueries } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

/**
 * GET /api/v1/leases?tenant_id=&status=active: a tenant's active leases (a few are enough to
 * know whether there is more than one). Seed 000: "if the tenant appears in more than one lease,
 * confirm the intended lease so a payment or note is not recorded against the wrong record."
 */
export const tenantActiveLeasesQueryOptions = (tenantId: string) =>
  queryOptions({
    queryKey: queryKeys.collections.tenantLeases(tenantId),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET("/api/v1/leases", { params: { query: { tenant_id: tenantId, status: "active", limit: 5 } }, signal }),
      ),
  });

/** For each tenant, their active leases other than `leaseId` (ids of tenants still loading are left out). */
export function useOtherActiveLeases(tenantIds: string[], leaseId: string) {
  return useQueries({
    queries: tenantIds.map((id) => tenantActiveLeasesQueryOptions(id)),
    combine: (results) => ({
      isPending: results.some((result) => result.isPending),
      others: results.flatMap((result, index) =>
        (result.data?.items ?? [])
          .filter((lease) => lease.id !== leaseId)
          .map((lease) => ({ tenantId: tenantIds[index] ?? "", lease })),
      ),
    }),
  });
}
