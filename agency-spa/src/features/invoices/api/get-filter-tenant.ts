import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

/** GET /api/v1/tenants/{tenant_id}: the tenant a list is filtered on (?tenant_id=), to name them. */
export const filterTenantQueryOptions = (tenantId: string) =>
  queryOptions({
    queryKey: queryKeys.tenants.detail(tenantId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/tenants/{tenant_id}", { params: { path: { tenant_id: tenantId } }, signal })),
    enabled: tenantId !== "",
  });

export function useFilterTenant(tenantId: string) {
  return useQuery(filterTenantQueryOptions(tenantId));
}
