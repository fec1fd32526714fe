import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { paths } from "@doorstep/web-shared/lib/api/schema";

/** GET /api/v1/portal/me: the signed-in tenant and their agency. */
export type TenantProfile = paths["/api/v1/portal/me"]["get"]["responses"][200]["content"]["application/json"];

export const meQueryOptions = () =>
  queryOptions({
    queryKey: ["portal", "me"],
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/portal/me", { signal })),
    staleTime: 5 * 60_000,
  });

export function useMe() {
  return useQuery(meQueryOptions());
}
