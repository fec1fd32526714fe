import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import type { CardPayment, CardSetup } from "./pay-my-invoice";

/** What a payment link asks for: agency, invoice reference, amount, due date, payable or not. */
export type PaymentLinkInvoice = components["schemas"]["PayLinkInvoiceOut"];

/**
 * Public data (no sign-in), keyed under "public": it is neither saved on the device for offline
 * reading nor dropped when a tenant session ends (see lib/query-persistence.ts).
 */
export const paymentLinkQueryKey = (token: string) => ["public", "pay-links", token] as const;

/** GET /api/v1/pay/{token}. Never retried: a wrong token counts against this device's attempts. */
export const paymentLinkQueryOptions = (token: string) =>
  queryOptions({
    queryKey: paymentLinkQueryKey(token),
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/pay/{token}", { params: { path: { token } }, signal })),
    retry: false,
    staleTime: 0,
  });

export function usePaymentLink(token: string) {
  return useQuery(paymentLinkQueryOptions(token));
}

/** POST /api/v1/pay/{token}/setup: a SetupIntent for the card the payer is about to enter. */
export async function startLinkCardSetup(token: string): Promise<CardSetup> {
  return unwrap(await api.POST("/api/v1/pay/{token}/setup", { params: { path: { token } } }));
}

/** POST /api/v1/pay/{token}/payments with the card just set up; `idempotencyKey` as for the portal. */
export async function payByLink(token: string, paymentMethodId: string, idempotencyKey: string): Promise<CardPayment> {
  return unwrap(
    await api.POST("/api/v1/pay/{token}/payments", {
      params: { path: { token }, header: { "Idempotency-Key": idempotencyKey } },
      body: { payment_method_id: paymentMethodId },
    }),
  );
}
