import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

export async function createPaymentLink(invoiceId: string, idempotencyKey: string) {
  return unwrap(
    await api.POST("/api/v1/invoices/{invoice_id}/payment-links", {
      params: { path: { invoice_id: invoiceId }, header: { "Idempotency-Key": idempotencyKey } },
    }),
  );
}

/**
 * POST /api/v1/invoices/{invoice_id}/payment-links: a link to pay the invoice by card without
 * signing in. The URL is shown only in this answer; the API does not send it to anyone. A retry
 * with the same Idempotency-Key gives the same link back.
 */
export function useCreatePaymentLink(invoiceId: string) {
  return useMutation({ mutationFn: (idempotencyKey: string) => createPaymentLink(invoiceId, idempotencyKey) });
}
