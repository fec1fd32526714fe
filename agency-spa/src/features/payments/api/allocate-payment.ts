import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { moneyChanged } from "@/lib/api/money-changed";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type AllocationIn = components["schemas"]["AllocationIn"];

export interface AllocateRequest {
  allocations: AllocationIn[];
  idempotencyKey: string;
}

export async function allocatePayment(paymentId: string, { allocations, idempotencyKey }: AllocateRequest) {
  return unwrap(
    await api.POST("/api/v1/payments/{payment_id}/allocations", {
      params: { path: { payment_id: paymentId }, header: { "Idempotency-Key": idempotencyKey } },
      body: { allocations },
    }),
  );
}

/** POST /api/v1/payments/{payment_id}/allocations: settle invoices of the payment's lease from its remaining credit. */
export function useAllocatePayment(paymentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: AllocateRequest) => allocatePayment(paymentId, request),
    onSuccess: async (payment) => {
      queryClient.setQueryData(queryKeys.payments.detail(payment.id), payment);
      await moneyChanged(queryClient);
    },
  });
}
