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
