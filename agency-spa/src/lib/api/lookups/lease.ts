import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type LeaseSummary = components["schemas"]["LeaseOut"];

/**
 * GET /api/v1/leases/{lease_id}: a lease another record names — an invoice's, a payment's, a
 * follow-up's, a transfer proof's, a list filtered on it — with its unit, property and tenants
 * (and their e-mail addresses). Shared by the money screens; nothing is asked for "".
 */
export const leaseLookupQueryOptions = (leaseId: string) =>
  queryOptions({
    queryKey: queryKeys.leases.detail(leaseId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/leases/{lease_id}", { params: { path: { lease_id: leaseId } }, signal })),
    enabled: leaseId !== "",
  });

export function useLeaseLookup(leaseId: string) {
  return useQuery(leaseLookupQueryOptions(leaseId));
}
