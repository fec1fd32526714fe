import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { queryKeys } from "@/lib/api/query-keys";

/** GET /api/v1/tenants/{tenant_id}: contact details and whether they have a portal account. */
export const tenantQueryOptions = (tenantId: string) =>
  queryOptions({
    queryKey: queryKeys.tenants.detail(tenantId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/tenants/{tenant_id}", { params: { path: { tenant_id: tenantId } }, signal })),
  });

export function useTenant(tenantId: string) {
  return useQuery(tenantQueryOptions(tenantId));
}
