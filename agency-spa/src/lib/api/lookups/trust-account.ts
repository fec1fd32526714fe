import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

/**
 * GET /api/v1/trust-account: whether payments recorded by staff "receipt the oldest invoice
 * first" (seed 003), which decides whether staff choose the allocation or the API does.
 */
export const trustAccountQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.trustAccount(),
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/trust-account", { signal })),
    staleTime: 60_000,
  });

export function useTrustAccount() {
  return useQuery(trustAccountQueryOptions());
}
