import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type FlowWrite = components["schemas"]["FlowWrite"];

/** POST /api/v1/onboarding/flows (new) or PUT …/{flow_id} (its name and steps replaced). */
export function useSaveFlow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ flowId, body }: { flowId?: string | undefined; body: FlowWrite }) =>
      unwrap(
        flowId === undefined
          ? await api.POST("/api/v1/onboarding/flows", { body })
          : await api.PUT("/api/v1/onboarding/flows/{flow_id}", { params: { path: { flow_id: flowId } }, body }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.onboarding.all });
    },
  });
}

/** PATCH /api/v1/onboarding/flows/{flow_id} with `archived`: off the invite form's list, or back on it. */
export function useArchiveFlow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ flowId, archived }: { flowId: string; archived: boolean }) =>
      unwrap(await api.PATCH("/api/v1/onboarding/flows/{flow_id}", { params: { path: { flow_id: flowId } }, body: { archived } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.onboarding.all });
    },
  });
}
