import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { queryKeys } from "@/lib/api/query-keys";

/** How many tenants the filter offers at once; typing narrows them. */
export const TENANT_FILTER_MATCHES = 8;

/** GET /api/v1/tenants?q=: tenants matching a name, e-mail or phone, for the tenant filter. */
export const tenantFilterQueryOptions = (q: string) =>
  queryOptions({
    queryKey: queryKeys.tenants.list({ q, collectionsFilter: true }),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/tenants", { params: { query: { q, limit: TENANT_FILTER_MATCHES } }, signal })),
    enabled: q !== "",
    placeholderData: keepPreviousData,
  });

export function useTenantFilterSearch(q: string) {
  return useQuery(tenantFilterQueryOptions(q));
}
