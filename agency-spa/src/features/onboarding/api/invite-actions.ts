import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

export type InviteAction = "resend" | "cancel";

async function act(inviteId: string, action: InviteAction) {
  const options = { params: { path: { invite_id: inviteId } } };
  return unwrap(
    action === "resend"
      ? await api.POST("/api/v1/onboarding/invites/{invite_id}/resend", options)
      : await api.POST("/api/v1/onboarding/invites/{invite_id}/cancel", options),
  );
}

/**
 * POST …/resend (Pending or Expired: a fresh link, the old one dead, 7 days again) or
 * POST …/cancel (Pending: the link dies). Either refreshes the table and the invite.
 */
export function useInviteAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ inviteId, action }: { inviteId: string; action: InviteAction }) => act(inviteId, action),
    onSuccess: async (invite) => {
      queryClient.setQueryData(queryKeys.onboarding.invite(invite.id), invite);
      await queryClient.invalidateQueries({ queryKey: queryKeys.onboarding.all });
    },
  });
}
