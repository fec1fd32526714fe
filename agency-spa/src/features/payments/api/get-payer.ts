import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

/** GET /api/v1/tenants/{tenant_id}: the tenant who paid (a form opened from their page, a list filtered on them). */
export const payerQueryOptions = (tenantId: string) =>
  queryOptions({
    queryKey: queryKeys.tenants.detail(tenantId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/tenants/{tenant_id}", { params: { path: { tenant_id: tenantId } }, signal })),
    enabled: tenantId !== "",
  });

export function usePayer(tenantId: string) {
  return useQuery(payerQueryOptions(tenantId));
}
