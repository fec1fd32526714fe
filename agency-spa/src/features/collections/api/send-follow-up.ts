import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type FollowUpCreate = components["schemas"]["FollowUpCreate"];

export async function sendFollowUp(body: FollowUpCreate, idempotencyKey: string) {
  return unwrap(
    await api.POST("/api/v1/collections/follow-ups", { body, params: { header: { "Idempotency-Key": idempotencyKey } } }),
  );
}

/**
 * POST /api/v1/collections/follow-ups: e-mails the tenants and records it. The caller gives the
 * attempt's Idempotency-Key: a retry after a lost answer sends the same key, so the tenant gets
 * one message, not two.
 */
export function useSendFollowUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: FollowUpCreate; idempotencyKey: string }) => sendFollowUp(body, idempotencyKey),
    onSuccess: async (followUp) => {
      queryClient.setQueryData(queryKeys.collections.followUps.detail(followUp.id), followUp);
      await queryClient.invalidateQueries({ queryKey: queryKeys.collections.followUps.all });
    },
  });
}
