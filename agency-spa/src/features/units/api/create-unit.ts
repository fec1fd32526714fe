import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { queryKeys } from "@/lib/api/query-keys";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type UnitCreate = components["schemas"]["UnitCreate"];

export async function createUnit(body: UnitCreate) {
  return unwrap(await api.POST("/api/v1/units", { body }));
}

/** POST /api/v1/units. The property's unit count changes, so properties are refreshed too. */
export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUnit,
    onSuccess: async (unit) => {
      queryClient.setQueryData(queryKeys.units.detail(unit.id), unit);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.units.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.properties.all }),
      ]);
    },
  });
}
