import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type CollectionsSummary = components["schemas"]["CollectionsSummaryOut"];
export type Figures = components["schemas"]["FiguresOut"];
export type SeriesPoint = components["schemas"]["SeriesPointOut"];

/** Which part of the book a collections report covers. Empty strings mean "all". */
export interface CollectionsScope {
  from: string;
  to: string;
  propertyId: string;
  tenantId: string;
}

export const orUndefined = (value: string) => (value === "" ? undefined : value);

/**
 * GET /api/v1/collections/summary: expected, collected and outstanding for invoices due in the
 * period — agency totals, per property, and the chart's series (weekly up to ~3 months).
 */
export const summaryQueryOptions = (scope: CollectionsScope) =>
  queryOptions({
    queryKey: queryKeys.collections.summary(scope),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET("/api/v1/collections/summary", {
          params: {
            query: {
              from: orUndefined(scope.from),
              to: orUndefined(scope.to),
              property_id: orUndefined(scope.propertyId),
              tenant_id: orUndefined(scope.tenantId),
            },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });

export function useCollectionsSummary(scope: CollectionsScope) {
  return useQuery(summaryQueryOptions(scope));
}
