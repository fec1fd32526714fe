import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { PAGE_SIZE } from "@/lib/api/pagination";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type UnpaidOut = components["schemas"]["UnpaidOutOut"];

/**
 * GET /api/v1/reconciliation/unpaid-out: card and payment-link payments the gateway has not paid
 * out to the trust account yet, oldest first, with the count and total of all of them.
 */
export const unpaidOutQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: queryKeys.reconciliation.unpaidOut(),
    queryFn: async ({ pageParam, signal }) =>
      unwrap(await api.GET("/api/v1/reconciliation/unpaid-out", { params: { query: { cursor: pageParam, limit: PAGE_SIZE } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: UnpaidOut) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export function useUnpaidOut() {
  return useInfiniteQuery(unpaidOutQueryOptions());
}
