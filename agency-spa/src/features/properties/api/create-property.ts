import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { queryKeys } from "@/lib/api/query-keys";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type PropertyCreate = components["schemas"]["PropertyCreate"];

export async function createProperty(body: PropertyCreate) {
  return unwrap(await api.POST("/api/v1/properties", { body }));
}

/** POST /api/v1/properties. Lists and selects of properties are refreshed afterwards. */
export function useCreateProperty() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProperty,
    onSuccess: async (property) => {
      queryClient.setQueryData(queryKeys.properties.detail(property.id), property);
      await queryClient.invalidateQueries({ queryKey: queryKeys.properties.all });
    },
  });
}
