import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import type { FollowUp } from "./list-follow-ups";

export type FollowUpUpdate = components["schemas"]["FollowUpUpdate"];

export async function updateFollowUp(followUpId: string, body: FollowUpUpdate) {
  return unwrap(
    await api.PATCH("/api/v1/collections/follow-ups/{follow_up_id}", { params: { path: { follow_up_id: followUpId } }, body }),
  );
}

export async function reviewFollowUp(followUpId: string, note: string) {
  return unwrap(
    await api.POST("/api/v1/collections/follow-ups/{follow_up_id}/review", {
      params: { path: { follow_up_id: followUpId } },
      body: { note },
    }),
  );
}

function useFollowUpChanged() {
  const queryClient = useQueryClient();
  return async (followUp: FollowUp) => {
    queryClient.setQueryData(queryKeys.collections.followUps.detail(followUp.id), followUp);
    await queryClient.invalidateQueries({ queryKey: queryKeys.collections.followUps.all });
  };
}

/** PATCH /api/v1/collections/follow-ups/{id}: document the outcome; optionally escalate. */
export function useUpdateFollowUp(followUpId: string) {
  const changed = useFollowUpChanged();
  return useMutation({ mutationFn: (body: FollowUpUpdate) => updateFollowUp(followUpId, body), onSuccess: changed });
}

/** POST /api/v1/collections/follow-ups/{id}/review: an accountant or owner answers an escalation. */
export function useReviewFollowUp(followUpId: string) {
  const changed = useFollowUpChanged();
  return useMutation({ mutationFn: (note: string) => reviewFollowUp(followUpId, note), onSuccess: changed });
}
