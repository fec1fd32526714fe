import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { MAX_PAGE_SIZE, fetchAllPages } from "@/lib/api/pagination";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type Flow = components["schemas"]["FlowOut"];

/**
 * GET /api/v1/onboarding/flows: every flow with its steps — for the invite form's dropdown only
 * those not archived, for the flows page the archived ones too (to restore them).
 */
export const flowsQueryOptions = (includeArchived: boolean) =>
  queryOptions({
    queryKey: queryKeys.onboarding.flows({ includeArchived }),
    queryFn: ({ signal }) =>
      fetchAllPages(
        async (cursor, pageSignal) =>
          unwrap(
            await api.GET("/api/v1/onboarding/flows", {
              params: { query: { cursor, limit: MAX_PAGE_SIZE, include_archived: includeArchived } },
              signal: pageSignal,
            }),
          ),
        signal,
      ),
  });

export function useFlows(includeArchived = false) {
  return useQuery(flowsQueryOptions(includeArchived));
}
