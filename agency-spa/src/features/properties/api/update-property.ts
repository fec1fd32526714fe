import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { queryKeys } from "@/lib/api/query-keys";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type PropertyUpdate = components["schemas"]["PropertyUpdate"];

export async function updateProperty(propertyId: string, body: PropertyUpdate) {
  return unwrap(await api.PATCH("/api/v1/properties/{property_id}", { params: { path: { property_id: propertyId } }, body }));
}

/**
 * PATCH /api/v1/properties/{property_id}. Units and leases show the property's name and address,
 * so they are refreshed too.
 */
export function useUpdateProperty(propertyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PropertyUpdate) => updateProperty(propertyId, body),
    onSuccess: async (property) => {
      queryClient.setQueryData(queryKeys.properties.detail(property.id), property);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.properties.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.units.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.leases.all }),
      ]);
    },
  });
}
