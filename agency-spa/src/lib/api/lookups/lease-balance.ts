import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type LeaseBalance = components["schemas"]["LeaseBalanceOut"];

/** GET /api/v1/leases/{lease_id}/balance (a lease's page, a transfer proof's review): what open invoices still ask for, the tenants' unallocated credit, and the difference. */
export const leaseBalanceQueryOptions = (leaseId: string) =>
  queryOptions({
    queryKey: queryKeys.balances.lease(leaseId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/leases/{lease_id}/balance", { params: { path: { lease_id: leaseId } }, signal })),
  });

export function useLeaseBalance(leaseId: string) {
  return useQuery(leaseBalanceQueryOptions(leaseId));
}
