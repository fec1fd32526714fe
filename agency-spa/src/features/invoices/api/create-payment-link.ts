import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type PaymentLinkCreate = components["schemas"]["PaymentLinkCreate"];

export async function createPaymentLink(invoiceId: string, idempotencyKey: string, body: PaymentLinkCreate) {
  return unwrap(
    await api.POST("/api/v1/invoices/{invoice_id}/payment-links", {
      params: { path: { invoice_id: invoiceId }, header: { "Idempotency-Key": idempotencyKey } },
      body,
    }),
  );
}

/**
 * POST /api/v1/invoices/{invoice_id}/payment-links: a link to pay the invoice by card without
 * signing in. The URL is shown only in this answer; the API does not send it to anyone. A retry
 * with the same Idempotency-Key gives the same link back. Seed 000's readiness review of the
 * tenant and the invoice's lease must pass, or `readiness_override` says why it goes anyway.
 */
export function useCreatePaymentLink(invoiceId: string) {
  return useMutation({
    mutationFn: ({ idempotencyKey, body }: { idempotencyKey: string; body: PaymentLinkCreate }) =>
      createPaymentLink(invoiceId, idempotencyKey, body),
  });
}
