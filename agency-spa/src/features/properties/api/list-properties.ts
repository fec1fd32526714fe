import { api } from "@/lib/api/client";
import { cursorListOptions, PAGE_SIZE, useCursorList } from "@/lib/api/pagination";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { queryKeys } from "@/lib/api/query-keys";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type Property = components["schemas"]["PropertyOut"];

export interface PropertiesListParams {
  /** Matches name, street, city or postal code. */
  q?: string;
}

/** GET /api/v1/properties: the agency's properties by name, a page at a time. */
export const propertiesListQueryOptions = (params: PropertiesListParams) =>
  cursorListOptions(queryKeys.properties.list(params), async (cursor, signal) =>
    unwrap(
      await api.GET("/api/v1/properties", {
        params: { query: { q: params.q === "" ? undefined : params.q, cursor, limit: PAGE_SIZE } },
        signal,
      }),
    ),
  );

export function usePropertiesList(params: PropertiesListParams) {
  return useCursorList(propertiesListQueryOptions(params));
}
