import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { queryKeys } from "@/lib/api/query-keys";

/** GET /api/v1/leases/{lease_id}: the lease a follow-up is about (unit, property, tenants). */
export const followUpLeaseQueryOptions = (leaseId: string) =>
  queryOptions({
    queryKey: queryKeys.leases.detail(leaseId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/leases/{lease_id}", { params: { path: { lease_id: leaseId } }, signal })),
    enabled: leaseId !== "",
  });

export function useFollowUpLease(leaseId: string) {
  return useQuery(followUpLeaseQueryOptions(leaseId));
}
