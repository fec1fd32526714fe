import { useMutation, useQuery } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api/create-client";
import { unwrap } from "../../../lib/api/problem";
import type { components } from "../../../lib/api/schema";
import type { Audience } from "../../../lib/auth/session";

export type ResetLink = components["schemas"]["ResetLinkOut"];

const RESET_REQUEST_PATHS = {
  staff: "/api/v1/auth/staff/password-reset",
  tenant: "/api/v1/auth/tenant/password-reset",
} as const satisfies Record<Audience, string>;

const RESET_LINK_PATHS = {
  staff: "/api/v1/auth/staff/password-reset/{token}",
  tenant: "/api/v1/auth/tenant/password-reset/{token}",
} as const satisfies Record<Audience, string>;

const EMAIL_CONFIRM_PATHS = {
  staff: "/api/v1/auth/staff/email-change/{token}",
  tenant: "/api/v1/auth/tenant/email-change/{token}",
} as const satisfies Record<Audience, string>;

/**
 * POST /api/v1/auth/<audience>/password-reset: e-mails a reset link to each account of the
 * address. The API answers the same whether or not the address has an account, so the page
 * always says the same thing.
 */
export function useRequestPasswordReset(api: ApiClient, audience: Audience) {
  return useMutation({
    mutationFn: async (email: string) => unwrap(await api.POST(RESET_REQUEST_PATHS[audience], { body: { email } })),
  });
}

/**
 * GET /api/v1/auth/<audience>/password-reset/{token}: whose account the e-mailed link is for.
 * A used or expired link is a 410 whose type says which; an unknown one a 404. Never retried:
 * unknown tokens count against this device.
 */
export function useResetLink(api: ApiClient, audience: Audience, token: string) {
  return useQuery({
    queryKey: ["public", "reset-link", audience, token] as const,
    queryFn: async ({ signal }) =>
      unwrap(await api.GET(RESET_LINK_PATHS[audience], { params: { path: { token } }, signal })),
    retry: false,
    staleTime: Infinity,
  });
}

/** POST /api/v1/auth/<audience>/password-reset/{token}: the new password; every session of the account ends. */
export function useResetPassword(api: ApiClient, audience: Audience, token: string) {
  return useMutation({
    mutationFn: async (password: string) => {
      unwrap(await api.POST(RESET_LINK_PATHS[audience], { params: { path: { token } }, body: { password } }));
    },
  });
}

/** POST /api/v1/auth/<audience>/email-change/{token}: the new address becomes the sign-in address. */
export function useConfirmEmailChange(api: ApiClient, audience: Audience, token: string) {
  return useMutation({
    mutationFn: async () => unwrap(await api.POST(EMAIL_CONFIRM_PATHS[audience], { params: { path: { token } } })),
  });
}
