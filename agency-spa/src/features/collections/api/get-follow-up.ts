import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

/** GET /api/v1/collections/follow-ups/{id}: the record of one follow-up. */
export const followUpQueryOptions = (followUpId: string) =>
  queryOptions({
    queryKey: queryKeys.collections.followUps.detail(followUpId),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET("/api/v1/collections/follow-ups/{follow_up_id}", {
          params: { path: { follow_up_id: followUpId } },
          signal,
        }),
      ),
  });

export function useFollowUp(followUpId: string) {
  return useQuery(followUpQueryOptions(followUpId));
}
