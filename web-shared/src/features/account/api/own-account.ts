import { useMutation } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api/create-client";
import { unwrap } from "../../../lib/api/problem";
import type { components } from "../../../lib/api/schema";
import type { Audience, Session } from "../../../lib/auth/session";

export type PasswordChange = components["schemas"]["PasswordChange"];
export type EmailChangeRequest = components["schemas"]["EmailChangeRequest"];

const PATHS = {
  staff: {
    password: "/api/v1/me/password",
    email: "/api/v1/me/email-change",
    signOut: "/api/v1/me/sign-out-everywhere",
  },
  tenant: {
    password: "/api/v1/portal/me/password",
    email: "/api/v1/portal/me/email-change",
    signOut: "/api/v1/portal/me/sign-out-everywhere",
  },
} as const satisfies Record<Audience, Record<string, string>>;

/** POST …/me/password: the current password is required; other sessions end, this one stays. */
export function useChangePassword(api: ApiClient, audience: Audience) {
  return useMutation({
    mutationFn: async (body: PasswordChange) => {
      unwrap(await api.POST(PATHS[audience].password, { body }));
    },
  });
}

/** POST …/me/email-change: a confirmation link goes to the new address; nothing changes until it is opened. */
export function useRequestEmailChange(api: ApiClient, audience: Audience) {
  return useMutation({
    mutationFn: async (body: EmailChangeRequest) => unwrap(await api.POST(PATHS[audience].email, { body })),
  });
}

/**
 * POST …/me/sign-out-everywhere: every session of the account ends, this one included; then the
 * session is forgotten here too (which clears what was cached) and the guards go to the login page.
 */
export function useSignOutEverywhere(api: ApiClient, session: Session) {
  return useMutation({
    mutationFn: async () => {
      unwrap(await api.POST(PATHS[session.audience].signOut, { credentials: "include" }));
      await session.logout();
    },
  });
}
