import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import { orUndefined, type CollectionsScope } from "./get-summary";

export type LeaseFigures = components["schemas"]["LeaseFiguresOut"];
export type LeaseSort = components["schemas"]["LeaseSort"];
export type SortOrder = components["schemas"]["SortOrder"];

export interface ByLeaseParams extends CollectionsScope {
  sort: LeaseSort;
  order: SortOrder;
}

/**
 * GET /api/v1/collections/leases: every lease with an invoice due in the period, with its unit,
 * property and tenants and its own expected / collected / outstanding, sorted by the API.
 */
export const byLeaseQueryOptions = (params: ByLeaseParams) =>
  queryOptions({
    queryKey: queryKeys.collections.leases(params),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET("/api/v1/collections/leases", {
          params: {
            query: {
              from: orUndefined(params.from),
              to: orUndefined(params.to),
              property_id: orUndefined(params.propertyId),
              tenant_id: orUndefined(params.tenantId),
              sort: params.sort,
              order: params.order,
            },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });

export function useCollectionsByLease(params: ByLeaseParams) {
  return useQuery(byLeaseQueryOptions(params));
}
