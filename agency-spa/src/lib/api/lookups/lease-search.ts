import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

/** How many leases the lease picker offers at once; typing narrows them. */
export const LEASE_MATCHES = 10;

/**
 * GET /api/v1/leases?q=: leases matching a tenant, unit or property, for the lease picker (the
 * lease to invoice, the lease an invite's payment steps are invoiced on).
 */
export const leasePickerQueryOptions = (q: string) =>
  queryOptions({
    queryKey: queryKeys.leases.list({ q, picker: true }),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/leases", { params: { query: { q: q === "" ? undefined : q, limit: LEASE_MATCHES } }, signal })),
    placeholderData: keepPreviousData,
  });

export function useLeasePickerSearch(q: string) {
  return useQuery(leasePickerQueryOptions(q));
}
