import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

/** How many tenants the payment form offers at once; typing narrows them. */
export const PAYER_MATCHES = 10;

/** GET /api/v1/tenants?q=: tenants matching a name, e-mail or phone, to say who paid. */
export const payerSearchQueryOptions = (q: string) =>
  queryOptions({
    queryKey: queryKeys.tenants.list({ q, picker: true }),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/tenants", { params: { query: { q: q === "" ? undefined : q, limit: PAYER_MATCHES } }, signal })),
    placeholderData: keepPreviousData,
  });

export function usePayerSearch(q: string) {
  return useQuery(payerSearchQueryOptions(q));
}
