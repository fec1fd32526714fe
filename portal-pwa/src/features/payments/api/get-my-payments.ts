import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

/** A payment on one of the tenant's leases, as the tenants of that lease see it. */
export type Payment = components["schemas"]["PortalPaymentOut"];

export const PAYMENTS_PAGE_SIZE = 20;

export const paymentsQueryKey = ["portal", "payments", "list"] as const;

/** GET /api/v1/portal/payments: the payment history, newest first, a page at a time. */
export const myPaymentsQueryOptions = (pageSize: number = PAYMENTS_PAGE_SIZE) =>
  infiniteQueryOptions({
    queryKey: paymentsQueryKey,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) =>
      unwrap(
        await api.GET("/api/v1/portal/payments", {
          params: { query: { limit: pageSize, ...(pageParam === null ? {} : { cursor: pageParam }) } },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.next_cursor,
  });

export function useMyPayments() {
  return useInfiniteQuery(myPaymentsQueryOptions());
}
