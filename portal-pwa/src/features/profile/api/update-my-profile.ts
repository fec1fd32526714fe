import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { meQueryOptions } from "@/lib/auth/me";
import type { paths } from "@doorstep/web-shared/lib/api/schema";

export type ProfileUpdate = paths["/api/v1/portal/me"]["patch"]["requestBody"]["content"]["application/json"];

/** PATCH /api/v1/portal/me. The API validates the phone number and answers with it in E.164. */
export async function updateMyProfile(input: ProfileUpdate) {
  return unwrap(await api.PATCH("/api/v1/portal/me", { body: input }));
}

/** `mutationKey` names a kind of change whose outcome is read back with `useMutationState`. */
export function useUpdateMyProfile(mutationKey?: readonly unknown[]) {
  const queryClient = useQueryClient();
  return useMutation({
    ...(mutationKey === undefined ? {} : { mutationKey }),
    mutationFn: updateMyProfile,
    // The answer is the whole profile: it replaces the cached (and persisted) one.
    onSuccess: (profile) => {
      queryClient.setQueryData(meQueryOptions().queryKey, profile);
    },
  });
}
