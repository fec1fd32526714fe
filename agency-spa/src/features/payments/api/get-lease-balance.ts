import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

/** GET /api/v1/leases/{lease_id}/balance: what open invoices still ask for, the tenants' unallocated credit, and the difference. */
export const leaseBalanceQueryOptions = (leaseId: string) =>
  queryOptions({
    queryKey: queryKeys.balances.lease(leaseId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/leases/{lease_id}/balance", { params: { path: { lease_id: leaseId } }, signal })),
  });

export function useLeaseBalance(leaseId: string) {
  return useQuery(leaseBalanceQueryOptions(leaseId));
}
