import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

/**
 * GET /api/v1/leases/{lease_id}: the lease an invoice (or a list filter) is for — its unit,
 * property and tenants with their e-mail addresses (to link to, and to send a payment link to).
 */
export const invoiceLeaseQueryOptions = (leaseId: string) =>
  queryOptions({
    queryKey: queryKeys.leases.detail(leaseId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/leases/{lease_id}", { params: { path: { lease_id: leaseId } }, signal })),
    enabled: leaseId !== "",
  });

export function useInvoiceLease(leaseId: string) {
  return useQuery(invoiceLeaseQueryOptions(leaseId));
}
