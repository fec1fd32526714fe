import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type InviteCreate = components["schemas"]["InviteCreate"];

/** POST /api/v1/onboarding/invites: sends the e-mail with its magic link (valid 7 days). */
export function useCreateInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: InviteCreate) => unwrap(await api.POST("/api/v1/onboarding/invites", { body })),
    onSuccess: async (invite) => {
      queryClient.setQueryData(queryKeys.onboarding.invite(invite.id), invite);
      await queryClient.invalidateQueries({ queryKey: queryKeys.onboarding.all });
    },
  });
}
