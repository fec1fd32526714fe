import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

/** GET /api/v1/leases/{lease_id}: the lease a payment is (to be) recorded against, with its tenants. */
export const paymentLeaseQueryOptions = (leaseId: string) =>
  queryOptions({
    queryKey: queryKeys.leases.detail(leaseId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/leases/{lease_id}", { params: { path: { lease_id: leaseId } }, signal })),
    enabled: leaseId !== "",
  });

export function usePaymentLease(leaseId: string) {
  return useQuery(paymentLeaseQueryOptions(leaseId));
}
