import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { queryKeys } from "@/lib/api/query-keys";

/** How many matches the tenant picker offers at once; typing more narrows them. */
export const TENANT_MATCHES = 10;

/** GET /api/v1/tenants?q=: the first tenants matching a name, e-mail or phone, for the picker. */
export const tenantSearchQueryOptions = (q: string) =>
  queryOptions({
    queryKey: queryKeys.tenants.list({ q, picker: true }),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET("/api/v1/tenants", {
          params: { query: { q: q === "" ? undefined : q, limit: TENANT_MATCHES } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });

export function useTenantSearch(q: string) {
  return useQuery(tenantSearchQueryOptions(q));
}
