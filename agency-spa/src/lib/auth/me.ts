import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { paths } from "@doorstep/web-shared/lib/api/schema";

/** GET /api/v1/me: the signed-in staff user, their role and their agency. */
export type Me = paths["/api/v1/me"]["get"]["responses"][200]["content"]["application/json"];

export const meQueryOptions = () =>
  queryOptions({
    queryKey: ["me"],
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/me", { signal })),
    staleTime: 5 * 60_000,
  });

export function useMe() {
  return useQuery(meQueryOptions());
}
