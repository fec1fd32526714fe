import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { useMoneyChanged } from "@/lib/api/money-changed";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type RefundRequest = components["schemas"]["RefundRequest"];
export type Refund = components["schemas"]["RefundOut"];

export interface RefundPaymentRequest {
  body: RefundRequest;
  idempotencyKey: string;
}

export async function refundPayment(paymentId: string, { body, idempotencyKey }: RefundPaymentRequest) {
  return unwrap(
    await api.POST("/api/v1/payments/{payment_id}/refunds", {
      params: { path: { payment_id: paymentId }, header: { "Idempotency-Key": idempotencyKey } },
      body,
    }),
  );
}

/**
 * POST /api/v1/payments/{payment_id}/refunds: give money back, at most what is left of the
 * payment. Above the agency's threshold the answer carries an `approval_id`: the refund waits for
 * an accountant or owner in the approvals inbox.
 */
export function useRefundPayment(paymentId: string) {
  const changed = useMoneyChanged();
  return useMutation({ mutationFn: (request: RefundPaymentRequest) => refundPayment(paymentId, request), onSuccess: changed });
}
