import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, session } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { chosenLanguage } from "@doorstep/web-shared/lib/i18n/i18n";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type InviteLink = components["schemas"]["InviteLinkOut"];

/**
 * GET /api/v1/invites/{token}: what the e-mail's link opens (public). A used, cancelled or
 * expired link is a 410 whose type says which; an unknown one a 404. Never retried: a dead
 * link stays dead, and unknown tokens count against this device.
 */
export const inviteLinkQueryOptions = (token: string) =>
  queryOptions({
    queryKey: ["invite-link", token] as const,
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/invites/{token}", { params: { path: { token } }, signal })),
    retry: false,
    staleTime: Infinity,
  });

export function useInviteLink(token: string) {
  return useQuery(inviteLinkQueryOptions(token));
}

function withChosenLanguage(): { language?: NonNullable<ReturnType<typeof chosenLanguage>> } {
  const language = chosenLanguage();
  return language === null ? {} : { language };
}

/**
 * POST /api/v1/invites/{token}/accept: sets the password; the portal account is created and
 * signed in (access token in memory, refresh token in its HttpOnly cookie). The link works once.
 * A language the invitee picked on this device (the page's switcher) is sent along and becomes the
 * language of their e-mails and receipts; none is sent when they picked none.
 */
export function useAcceptInvite(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (password: string) => {
      const grant = unwrap(
        await api.POST("/api/v1/invites/{token}/accept", {
          params: { path: { token } },
          body: { password, ...withChosenLanguage() },
          credentials: "include",
        }),
      );
      session.signIn(grant);
    },
    // Nothing cached for a previous user of this device may survive into the new account.
    onSuccess: () => {
      queryClient.clear();
    },
  });
}
