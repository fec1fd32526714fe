import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

/** What the tenant owes on one lease, the credit they hold there, what is late and what is pending. */
export type LeaseBalance = components["schemas"]["PortalBalanceOut"];

export const balanceQueryKey = ["portal", "balance"] as const;

/** GET /api/v1/portal/balance: one entry per lease the tenant pays on (persisted for offline reading). */
export const myBalanceQueryOptions = () =>
  queryOptions({
    queryKey: balanceQueryKey,
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/portal/balance", { signal })),
  });

export function useMyBalance() {
  return useQuery(myBalanceQueryOptions());
}
