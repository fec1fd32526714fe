import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import { orUndefined } from "./get-summary";

export type Overdue = components["schemas"]["OverdueOut"];
export type LeaseAgeing = components["schemas"]["LeaseAgeingOut"];
export type Ageing = components["schemas"]["AgeingOut"];
export type OverdueSort = components["schemas"]["OverdueSort"];

export interface OverdueParams {
  /** Count days past due to this date ("" = today in the agency's time zone). */
  at: string;
  propertyId: string;
  tenantId: string;
  sort: OverdueSort;
  order: components["schemas"]["SortOrder"];
}

/** GET /api/v1/collections/overdue: overdue balances per lease in the four ageing buckets. */
export const overdueQueryOptions = (params: OverdueParams) =>
  queryOptions({
    queryKey: queryKeys.collections.overdue(params),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET("/api/v1/collections/overdue", {
          params: {
            query: {
              at: orUndefined(params.at),
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

export function useOverdue(params: OverdueParams) {
  return useQuery(overdueQueryOptions(params));
}
