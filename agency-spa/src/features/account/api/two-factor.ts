import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import { api } from "@/lib/api/client";

type Schemas = components["schemas"];
export type TwoFactorStatus = Schemas["TwoFactorStatus"];
export type TwoFactorChange = Schemas["TwoFactorChange"];

// The team's list on Settings → Team reads the same state: both refresh together.
const key = ["two-factor"] as const;

/** GET /api/v1/me/two-factor: whether two-step sign-in is on, and the recovery codes left. */
export function useTwoFactor() {
  return useQuery({
    queryKey: [...key, "me"],
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/me/two-factor", { signal })),
  });
}

/** POST …/setup (current password): the secret and its otpauth:// URI, shown this once. */
export function useStartTwoFactor() {
  return useMutation({
    mutationFn: async (currentPassword: string) =>
      unwrap(await api.POST("/api/v1/me/two-factor/setup", { body: { current_password: currentPassword } })),
  });
}

/** POST …/confirm (a code from the app): two-step sign-in is on; the recovery codes, shown once. */
export function useConfirmTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (code: string) => unwrap(await api.POST("/api/v1/me/two-factor/confirm", { body: { code } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

/** POST …/recovery-codes (password and code): new recovery codes; the old ones stop working. */
export function useRenewRecoveryCodes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: TwoFactorChange) => unwrap(await api.POST("/api/v1/me/two-factor/recovery-codes", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

/** POST …/disable (password and code): two-step sign-in is off; an e-mail says so. */
export function useTurnTwoFactorOff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: TwoFactorChange) => unwrap(await api.POST("/api/v1/me/two-factor/disable", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
