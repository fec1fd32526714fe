import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { queryKeys } from "@/lib/api/query-keys";

/** GET /api/v1/units/{unit_id}. */
export const unitQueryOptions = (unitId: string) =>
  queryOptions({
    queryKey: queryKeys.units.detail(unitId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/units/{unit_id}", { params: { path: { unit_id: unitId } }, signal })),
  });

export function useUnit(unitId: string) {
  return useQuery(unitQueryOptions(unitId));
}
