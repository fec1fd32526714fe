import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, session } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import type { paths } from "@/lib/api/schema";

export type LoginInput = paths["/api/v1/auth/tenant/login"]["post"]["requestBody"]["content"]["application/json"];

/**
 * POST /api/v1/auth/tenant/login. The API answers with an access token (kept in memory) and sets
 * the HttpOnly refresh cookie; the refresh token in the body is deliberately ignored.
 */
export async function login(input: LoginInput): Promise<void> {
  const grant = unwrap(await api.POST("/api/v1/auth/tenant/login", { body: input, credentials: "include" }));
  session.signIn(grant);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    // Nothing cached for a previous user may survive into this session.
    onSuccess: () => {
      queryClient.clear();
    },
  });
}
