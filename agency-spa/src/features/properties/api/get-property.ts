import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { queryKeys } from "@/lib/api/query-keys";

/** GET /api/v1/properties/{property_id}: one property with its address and unit count. */
export const propertyQueryOptions = (propertyId: string) =>
  queryOptions({
    queryKey: queryKeys.properties.detail(propertyId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/properties/{property_id}", { params: { path: { property_id: propertyId } }, signal })),
  });

export function useProperty(propertyId: string) {
  return useQuery(propertyQueryOptions(propertyId));
}
