import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export { startCardSetup, type CardSetup } from "@/lib/api/card-setup";
export type CardPayment = components["schemas"]["CardPaymentOut"];

/**
 * POST /api/v1/portal/invoices/{id}/payments: charge what the invoice still asks for to a saved
 * card, or to a card just set up (`saveCard`: whether the tenant asked to keep it; the API keeps
 * it only if the payment succeeds). `idempotencyKey` identifies the attempt: sending it again (a
 * retry after a lost answer) never charges twice, the server replays or resumes the first attempt.
 */
export async function payMyInvoice(invoiceId: string, paymentMethodId: string, idempotencyKey: string, saveCard?: boolean): Promise<CardPayment> {
  return unwrap(
    await api.POST("/api/v1/portal/invoices/{invoice_id}/payments", {
      params: { path: { invoice_id: invoiceId }, header: { "Idempotency-Key": idempotencyKey } },
      body: saveCard === undefined ? { payment_method_id: paymentMethodId } : { payment_method_id: paymentMethodId, save_card: saveCard },
    }),
  );
}
