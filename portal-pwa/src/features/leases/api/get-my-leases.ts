import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { leaseQueryKey, type Lease } from "./get-my-lease";

/**
 * GET /api/v1/portal/leases: the tenant's live and ended leases, newest start first. The API
 * answers with a single page (a tenant has a handful of leases; next_cursor is always null).
 *
 * Each lease is also written into its detail query, with the list's timestamp: the detail page
 * then renders from cache straight away, and the detail answers are persisted with the rest of
 * the cache, so a lease can be opened offline even if the tenant never opened it online.
 */
export const myLeasesQueryOptions = () =>
  queryOptions({
    queryKey: ["portal", "leases", "list"] as const,
    queryFn: async ({ signal, client }): Promise<Lease[]> => {
      const page = unwrap(await api.GET("/api/v1/portal/leases", { signal }));
      const updatedAt = Date.now();
      for (const lease of page.items) {
        client.setQueryData(leaseQueryKey(lease.id), lease, { updatedAt });
      }
      return page.items;
    },
  });

export function useMyLeases() {
  return useQuery(myLeasesQueryOptions());
}
