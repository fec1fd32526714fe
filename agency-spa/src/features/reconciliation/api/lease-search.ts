import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { queryKeys } from "@/lib/api/query-keys";

/** GET /api/v1/leases?q=&status=active: the leases a recorded payment could be for. */
export const leaseSearchQueryOptions = (q: string) =>
  queryOptions({
    queryKey: queryKeys.leases.list({ q, status: "active", reconciliation: true }),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/leases", { params: { query: { q: q === "" ? undefined : q, status: "active", limit: 10 } }, signal })),
    placeholderData: keepPreviousData,
  });

export function useLeaseSearch(q: string) {
  return useQuery(leaseSearchQueryOptions(q));
}
