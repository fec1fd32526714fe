import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { fetchAllPages, MAX_PAGE_SIZE } from "@/lib/api/pagination";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { queryKeys } from "@/lib/api/query-keys";

/** GET /api/v1/units?property_id=, every page: the units the lease form offers for a property. */
export const unitOptionsQueryOptions = (propertyId: string) =>
  queryOptions({
    queryKey: queryKeys.units.options(propertyId),
    queryFn: ({ signal }) =>
      fetchAllPages(
        async (cursor, pageSignal) =>
          unwrap(
            await api.GET("/api/v1/units", {
              params: { query: { property_id: propertyId, cursor, limit: MAX_PAGE_SIZE } },
              signal: pageSignal,
            }),
          ),
        signal,
      ),
    enabled: propertyId !== "",
  });

export function useUnitOptions(propertyId: string) {
  return useQuery(unitOptionsQueryOptions(propertyId));
}
