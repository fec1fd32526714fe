import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { queryKeys } from "@/lib/api/query-keys";

/**
 * GET /api/v1/tenants/{tenant_id}, for a lease form opened from a tenant's page
 * (/leases/new?tenant_id=…): the tenant starts out selected.
 */
export const leasePartyQueryOptions = (tenantId: string) =>
  queryOptions({
    queryKey: queryKeys.tenants.detail(tenantId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/tenants/{tenant_id}", { params: { path: { tenant_id: tenantId } }, signal })),
    enabled: tenantId !== "",
  });

export function useLeaseParty(tenantId: string) {
  return useQuery(leasePartyQueryOptions(tenantId));
}
