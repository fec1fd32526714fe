import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { moneyChanged } from "@/lib/api/money-changed";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type AllocationMoveIn = components["schemas"]["AllocationMoveIn"];

export interface MoveAllocationRequest {
  body: AllocationMoveIn;
  idempotencyKey: string;
}

export async function moveAllocation(paymentId: string, { body, idempotencyKey }: MoveAllocationRequest) {
  return unwrap(
    await api.POST("/api/v1/payments/{payment_id}/allocation-moves", {
      params: { path: { payment_id: paymentId }, header: { "Idempotency-Key": idempotencyKey } },
      body,
    }),
  );
}

/**
 * POST /api/v1/payments/{payment_id}/allocation-moves: move money the payment settled on one
 * invoice to another open invoice of its lease, or back to the tenant's credit, with a reason.
 */
export function useMoveAllocation(paymentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MoveAllocationRequest) => moveAllocation(paymentId, request),
    onSuccess: async (payment) => {
      queryClient.setQueryData(queryKeys.payments.detail(payment.id), payment);
      await moneyChanged(queryClient);
    },
  });
}
