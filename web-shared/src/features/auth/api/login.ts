import type { ApiClient } from "../../../lib/api/create-client";
import { unwrapLazily } from "../../../lib/api/api-error";
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
 * The login page is part of each app's first load: a refusal's problem details are parsed by a
 * parser fetched then (`unwrapLazily`).
 */
export async function login(api: ApiClient, session: Session, input: LoginInput): Promise<LoginOutcome> {
  const answer = await unwrapLazily(await api.POST(LOGIN_PATHS[session.audience], { body: input, credentials: "include" }));
  if ("two_factor_required" in answer) return { signedIn: false, challenge: answer.challenge };
  session.signIn(answer);
  return { signedIn: true };
}

/** Signed in, or (staff with two-step sign-in on) the password was right and a code is wanted. */
export type LoginOutcome = { signedIn: true } | { signedIn: false; challenge: string };

export type SecondStepInput = components["schemas"]["TwoFactorLogin"];

/**
 * POST /api/v1/auth/staff/login/two-factor: the challenge of the password step and the code of the
 * authenticator app (or a recovery code) finish a staff sign-in, with the same tokens and cookie.
 */
export async function finishLogin(api: ApiClient, session: Session, input: SecondStepInput): Promise<void> {
  const grant = await unwrapLazily(await api.POST("/api/v1/auth/staff/login/two-factor", { body: input, credentials: "include" }));
  session.signIn(grant);
}
