import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

/** How many leases the invite form offers at once; typing narrows them. */
const LEASE_MATCHES = 10;

/** GET /api/v1/leases?q=: the lease an invite's payment steps are invoiced on. */
export const inviteLeaseSearchQueryOptions = (q: string) =>
  queryOptions({
    queryKey: queryKeys.leases.list({ q, picker: "invite" }),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/leases", { params: { query: { q: q === "" ? undefined : q, limit: LEASE_MATCHES } }, signal })),
    placeholderData: keepPreviousData,
  });

export function useInviteLeaseSearch(q: string) {
  return useQuery(inviteLeaseSearchQueryOptions(q));
}
