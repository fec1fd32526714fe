import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { paths } from "@doorstep/web-shared/lib/api/schema";

/** GET /api/v1/scheduler/health: whether the time-driven work runs for this agency. */
export type SchedulerHealth = paths["/api/v1/scheduler/health"]["get"]["responses"][200]["content"]["application/json"];

/** Read again every minute: the scheduler ticks once a minute, so nothing changes faster. */
export const schedulerHealthQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.scheduler.health(),
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/scheduler/health", { signal })),
    refetchInterval: 60_000,
  });

export function useSchedulerHealth() {
  return useQuery(schedulerHealthQueryOptions());
}
