import { api } from "@/lib/api/client";
import { cursorListOptions, PAGE_SIZE, useCursorList } from "@/lib/api/pagination";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type Invite = components["schemas"]["InviteOut"];
export type InviteStatus = components["schemas"]["InviteStatus"];

export interface InvitesListParams {
  /** Matches the invitee's name or e-mail. */
  q?: string;
  status?: InviteStatus | undefined;
}

/** GET /api/v1/onboarding/invites: seed 001's Onboarding Invites table, newest first, a page at a time. */
export const invitesListQueryOptions = (params: InvitesListParams) =>
  cursorListOptions(queryKeys.onboarding.invites(params), async (cursor, signal) =>
    unwrap(
      await api.GET("/api/v1/onboarding/invites", {
        params: { query: { q: params.q === "" ? undefined : params.q, status: params.status, cursor, limit: PAGE_SIZE } },
        signal,
      }),
    ),
  );

export function useInvitesList(params: InvitesListParams) {
  return useCursorList(invitesListQueryOptions(params));
}
