import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { ApiError, unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import type { StepAnswer } from "./step-answer";

export type MyOnboarding = components["schemas"]["PortalOnboardingOut"];
export type OnboardingStep = components["schemas"]["PortalStepOut"];

export const onboardingQueryKey = ["portal", "onboarding"] as const;

/**
 * GET /api/v1/portal/onboarding: the tenant's steps as saved on the server, so that they can stop
 * and resume on another device. `null` for a tenant who has no onboarding (the API's 404).
 */
export const onboardingQueryOptions = () =>
  queryOptions({
    queryKey: onboardingQueryKey,
    queryFn: async ({ signal }): Promise<MyOnboarding | null> => {
      try {
        return unwrap(await api.GET("/api/v1/portal/onboarding", { signal }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });

export function useMyOnboarding() {
  return useQuery(onboardingQueryOptions());
}

async function saveStep(inviteId: string, position: number, answer: StepAnswer): Promise<void> {
  const path = { invite_id: inviteId, position };
  if (answer.kind === "form") {
    unwrap(await api.PUT("/api/v1/portal/onboarding/{invite_id}/steps/{position}/form", { params: { path }, body: { answers: answer.answers } }));
  } else if (answer.kind === "accept") {
    unwrap(
      await api.POST("/api/v1/portal/onboarding/{invite_id}/steps/{position}/accept", { params: { path }, body: { text_version: answer.textVersion } }),
    );
  } else {
    unwrap(
      await api.PUT("/api/v1/portal/onboarding/{invite_id}/steps/{position}/document", {
        params: { path },
        body: { file_name: answer.fileName, content_type: answer.contentType, content_base64: answer.contentBase64 },
      }),
    );
  }
}

/** Saves one step on the server (a form's answers, the accepted text's version, or a document), then reloads the progress. */
export function useSaveStep(inviteId: string, position: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answer: StepAnswer) => saveStep(inviteId, position, answer),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: onboardingQueryKey });
    },
  });
}
