import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { queryKeys } from "@/lib/api/query-keys";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type UnitUpdate = components["schemas"]["UnitUpdate"];

export async function updateUnit(unitId: string, body: UnitUpdate) {
  return unwrap(await api.PATCH("/api/v1/units/{unit_id}", { params: { path: { unit_id: unitId } }, body }));
}

/** PATCH /api/v1/units/{unit_id}. Leases show the unit's name, so they are refreshed too. */
export function useUpdateUnit(unitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UnitUpdate) => updateUnit(unitId, body),
    onSuccess: async (unit) => {
      queryClient.setQueryData(queryKeys.units.detail(unit.id), unit);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.units.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.leases.all }),
      ]);
    },
  });
}
