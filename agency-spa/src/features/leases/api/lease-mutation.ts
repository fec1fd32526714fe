import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/lib/api/query-keys";
import type { Lease } from "./list-leases";

/**
 * After any change to a lease: the answer is the lease as it now is, so it replaces the cached
 * detail at once; every list of leases (the leases page, a unit's and a tenant's leases) is
 * refreshed because status, tenants or dates may move it in or out of a filter.
 */
export async function leaseChanged(queryClient: QueryClient, lease: Lease): Promise<void> {
  queryClient.setQueryData(queryKeys.leases.detail(lease.id), lease);
  await queryClient.invalidateQueries({ queryKey: queryKeys.leases.all });
}

export function useLeaseChanged() {
  const queryClient = useQueryClient();
  return (lease: Lease) => leaseChanged(queryClient, lease);
}
