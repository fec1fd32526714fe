import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

/** One of the tenant's leases, as GET /api/v1/portal/leases[/{id}] answers it. */
export type Lease = components["schemas"]["PortalLeaseOut"];

export const leaseQueryKey = (leaseId: string) => ["portal", "leases", "detail", leaseId] as const;

/**
 * GET /api/v1/portal/leases/{lease_id}. The lease list seeds this query for every lease it
 * returns (see get-my-leases.ts), so a lease opens at once — also offline, and also when it was
 * never opened before — and the request only refreshes it.
 */
export const leaseQueryOptions = (leaseId: string) =>
  queryOptions({
    queryKey: leaseQueryKey(leaseId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/portal/leases/{lease_id}", { params: { path: { lease_id: leaseId } }, signal })),
  });

export function useMyLease(leaseId: string) {
  return useQuery(leaseQueryOptions(leaseId));
}
