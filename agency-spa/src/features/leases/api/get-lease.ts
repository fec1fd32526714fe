import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { queryKeys } from "@/lib/api/query-keys";

/** GET /api/v1/leases/{lease_id}: terms, unit, property, tenants and the next due date. */
export const leaseQueryOptions = (leaseId: string) =>
  queryOptions({
    queryKey: queryKeys.leases.detail(leaseId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/leases/{lease_id}", { params: { path: { lease_id: leaseId } }, signal })),
  });

export function useLease(leaseId: string) {
  return useQuery(leaseQueryOptions(leaseId));
}
