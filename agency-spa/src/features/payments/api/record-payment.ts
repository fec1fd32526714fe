import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { useMoneyChanged } from "@/lib/api/money-changed";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type PaymentRecord = components["schemas"]["PaymentRecord"];

export interface RecordPaymentRequest {
  body: PaymentRecord;
  /** One per submission attempt, the same when the attempt is retried (see useIdempotencyKey). */
  idempotencyKey: string;
}

export async function recordPayment({ body, idempotencyKey }: RecordPaymentRequest) {
  return unwrap(await api.POST("/api/v1/payments", { params: { header: { "Idempotency-Key": idempotencyKey } }, body }));
}

/**
 * POST /api/v1/payments: money received by transfer, cash or cheque, confirmed by the signed-in
 * staff member; it is receipted at once. With the same Idempotency-Key a retry replays the first
 * answer instead of recording the payment twice.
 */
export function useRecordPayment() {
  const changed = useMoneyChanged();
  return useMutation({ mutationFn: recordPayment, onSuccess: changed });
}
