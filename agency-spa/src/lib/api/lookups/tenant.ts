import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

/**
 * GET /api/v1/tenants/{tenant_id}: a tenant another record or a list filter names — who paid, a
 * form opened from their page, the tenant a list is narrowed to. Nothing is asked for "".
 */
export const tenantLookupQueryOptions = (tenantId: string) =>
  queryOptions({
    queryKey: queryKeys.tenants.detail(tenantId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/tenants/{tenant_id}", { params: { path: { tenant_id: tenantId } }, signal })),
    enabled: tenantId !== "",
  });

export function useTenantLookup(tenantId: string) {
  return useQuery(tenantLookupQueryOptions(tenantId));
}
