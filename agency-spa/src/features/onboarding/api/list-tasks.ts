import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { MAX_PAGE_SIZE, fetchAllPages } from "@/lib/api/pagination";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type OnboardingTask = components["schemas"]["TaskOut"];
export type TaskKind = components["schemas"]["TaskKind"];

/** GET /api/v1/onboarding/tasks: every task of the agency (or only those marked "Is Onboarding"), for the tasks page and the flow builder. */
export const tasksQueryOptions = (onboardingOnly: boolean) =>
  queryOptions({
    queryKey: queryKeys.onboarding.tasks({ onboardingOnly }),
    queryFn: ({ signal }) =>
      fetchAllPages(
        async (cursor, pageSignal) =>
          unwrap(
            await api.GET("/api/v1/onboarding/tasks", {
              params: { query: { onboarding_only: onboardingOnly, cursor, limit: MAX_PAGE_SIZE } },
              signal: pageSignal,
            }),
          ),
        signal,
      ),
  });

export function useTasks(onboardingOnly = false) {
  return useQuery(tasksQueryOptions(onboardingOnly));
}
