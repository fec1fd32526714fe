import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api/create-client";
import { unwrap } from "../../../lib/api/problem";
import type { components } from "../../../lib/api/schema";
import type { Audience, Session } from "../../../lib/auth/session";

/** What both login forms send; both endpoints also take an `agency_id` (for an e-mail with accounts at several agencies) the forms do not ask for yet. */
export type LoginInput = components["schemas"]["StaffLogin"];

const LOGIN_PATHS = {
  staff: "/api/v1/auth/staff/login",
  tenant: "/api/v1/auth/tenant/login",
} as const satisfies Record<Audience, string>;

/**
 * POST /api/v1/auth/<audience>/login, through `api` (it sends Accept-Language, so field errors come
 * back in the UI language). The API answers with an access token (kept in memory by `session`)
 * and sets the HttpOnly refresh cookie; the refresh token in the body is deliberately ignored.
 */
export async function login(api: ApiClient, session: Session, input: LoginInput): Promise<void> {
  const grant = unwrap(await api.POST(LOGIN_PATHS[session.audience], { body: input, credentials: "include" }));
  session.signIn(grant);
}

export function useLogin(api: ApiClient, session: Session) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => login(api, session, input),
    // Nothing cached for a previous user may survive into this session.
    onSuccess: () => {
      queryClient.clear();
    },
  });
}
