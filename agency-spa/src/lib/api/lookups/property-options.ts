import { queryOptions, useQuery } from "@tanstack/react-query";
import type { FilterOption } from "@/components/ui/FilterSelect";
import { api } from "@/lib/api/client";
import { fetchAllPages, MAX_PAGE_SIZE } from "@/lib/api/pagination";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { queryKeys } from "@/lib/api/query-keys";

/**
 * GET /api/v1/properties, every page: the agency's properties for a filter or a form's select.
 * Shared because the units list, the leases list and the lease form all pick a property.
 */
export const propertyOptionsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.properties.options(),
    queryFn: ({ signal }) =>
      fetchAllPages(
        async (cursor, pageSignal) =>
          unwrap(await api.GET("/api/v1/properties", { params: { query: { cursor, limit: MAX_PAGE_SIZE } }, signal: pageSignal })),
        signal,
      ),
  });

export function usePropertyOptions() {
  return useQuery(propertyOptionsQueryOptions());
}

/** The agency's properties as a list filter's options (none while they load). */
export function usePropertyFilterOptions(): FilterOption[] {
  const properties = usePropertyOptions();
  return properties.data?.items.map((property) => ({ value: property.id, label: property.name })) ?? [];
}
