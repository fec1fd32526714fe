import { api } from "@/lib/api/client";
import { cursorListOptions, PAGE_SIZE, useCursorList } from "@/lib/api/pagination";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { queryKeys } from "@/lib/api/query-keys";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type Unit = components["schemas"]["UnitOut"];

export interface UnitsListParams {
  propertyId?: string;
  /** Matches the unit's name. */
  q?: string;
}

/** GET /api/v1/units: units by name, optionally of one property, a page at a time. */
export const unitsListQueryOptions = (params: UnitsListParams) =>
  cursorListOptions(queryKeys.units.list(params), async (cursor, signal) =>
    unwrap(
      await api.GET("/api/v1/units", {
        params: {
          query: {
            property_id: params.propertyId === "" ? undefined : params.propertyId,
            q: params.q === "" ? undefined : params.q,
            cursor,
            limit: PAGE_SIZE,
          },
        },
        signal,
      }),
    ),
  );

export function useUnitsList(params: UnitsListParams) {
  return useCursorList(unitsListQueryOptions(params));
}
