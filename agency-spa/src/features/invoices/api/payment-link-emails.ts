import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type PaymentLinkEmail = components["schemas"]["PaymentLinkEmailOut"];
export type PaymentLinkEmailCreate = components["schemas"]["PaymentLinkEmailCreate"];

/** GET /api/v1/collections/invoices/{invoice_id}/payment-link-emails: the links e-mailed for the invoice, newest first. */
export const paymentLinkEmailsQueryOptions = (invoiceId: string) =>
  queryOptions({
    queryKey: queryKeys.invoices.paymentLinkEmails(invoiceId),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET("/api/v1/collections/invoices/{invoice_id}/payment-link-emails", {
          params: { path: { invoice_id: invoiceId } },
          signal,
        }),
      ),
  });

export function usePaymentLinkEmails(invoiceId: string, enabled = true) {
  return useQuery({ ...paymentLinkEmailsQueryOptions(invoiceId), enabled });
}

export async function emailPaymentLink(invoiceId: string, idempotencyKey: string, body: PaymentLinkEmailCreate) {
  return unwrap(
    await api.POST("/api/v1/collections/invoices/{invoice_id}/payment-link-emails", {
      params: { path: { invoice_id: invoiceId }, header: { "Idempotency-Key": idempotencyKey } },
      body,
    }),
  );
}

/**
 * POST /api/v1/collections/invoices/{invoice_id}/payment-link-emails: Doorstep makes a new
 * payment link and e-mails it to the lease's tenants, recorded with who sent it and when. A
 * retry with the same Idempotency-Key sends nothing again; a second send within a few minutes
 * is refused (409). Seed 000's readiness review of the lease's tenants and the invoice's lease
 * must pass, or `readiness_override` says why it goes anyway (409 `readiness-blocked`).
 */
export function useEmailPaymentLink(invoiceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ idempotencyKey, body }: { idempotencyKey: string; body: PaymentLinkEmailCreate }) =>
      emailPaymentLink(invoiceId, idempotencyKey, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.invoices.paymentLinkEmails(invoiceId) }),
  });
}
