import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type InviteDetail = components["schemas"]["InviteDetailOut"];
export type InviteStep = components["schemas"]["InviteStepOut"];

/** GET /api/v1/onboarding/invites/{invite_id}: an invite with the invitee's progress and answers. */
export const inviteQueryOptions = (inviteId: string) =>
  queryOptions({
    queryKey: queryKeys.onboarding.invite(inviteId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/onboarding/invites/{invite_id}", { params: { path: { invite_id: inviteId } }, signal })),
  });

export function useInvite(inviteId: string) {
  return useQuery(inviteQueryOptions(inviteId));
}
