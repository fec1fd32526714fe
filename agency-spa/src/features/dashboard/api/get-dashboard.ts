import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type Dashboard = components["schemas"]["DashboardOut"];
export type ActionCounts = components["schemas"]["ActionCounts"];

/** GET /api/v1/dashboard: what needs action today and the month's expected / collected / outstanding. */
export const dashboardQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.dashboard(),
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/dashboard", { signal })),
    // Other people work the same queues: the counts refresh while the page stays open.
    refetchInterval: 60_000,
  });

export function useDashboard() {
  return useQuery(dashboardQueryOptions());
}
