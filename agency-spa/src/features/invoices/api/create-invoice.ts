import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { useMoneyChanged } from "@/lib/api/money-changed";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type InvoiceCreate = components["schemas"]["InvoiceCreate"];

export interface CreateInvoiceRequest {
  body: InvoiceCreate;
  /** One per submission attempt, the same when the attempt is retried (see useIdempotencyKey). */
  idempotencyKey: string;
}

export async function createInvoice({ body, idempotencyKey }: CreateInvoiceRequest) {
  return unwrap(await api.POST("/api/v1/invoices", { params: { header: { "Idempotency-Key": idempotencyKey } }, body }));
}

/**
 * POST /api/v1/invoices: a deposit, fee or other invoice on a live or past lease. It opens at
 * once, or waits in draft for approval when the agency does not approve invoices automatically.
 * With the same Idempotency-Key a retry gives back the first invoice instead of a second one.
 */
export function useCreateInvoice() {
  const changed = useMoneyChanged();
  return useMutation({ mutationFn: createInvoice, onSuccess: changed });
}
