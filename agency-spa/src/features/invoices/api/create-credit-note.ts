import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { useMoneyChanged } from "@/lib/api/money-changed";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type CreditNoteCreate = components["schemas"]["CreditNoteCreate"];

export interface CreateCreditNoteRequest {
  body: CreditNoteCreate;
  /** One per submission attempt, the same when the attempt is retried (see useIdempotencyKey). */
  idempotencyKey: string;
}

export async function createCreditNote(invoiceId: string, { body, idempotencyKey }: CreateCreditNoteRequest) {
  return unwrap(
    await api.POST("/api/v1/invoices/{invoice_id}/credit-notes", {
      params: { path: { invoice_id: invoiceId }, header: { "Idempotency-Key": idempotencyKey } },
      body,
    }),
  );
}

/**
 * POST /api/v1/invoices/{invoice_id}/credit-notes: a credit note or a write-off, at most what the
 * invoice still asks for. Above the agency's threshold the answer is `pending_approval` with an
 * `approval_id`: it counts only once an accountant or owner approves it. With the same
 * Idempotency-Key a retry never credits twice.
 */
export function useCreateCreditNote(invoiceId: string) {
  const changed = useMoneyChanged();
  return useMutation({ mutationFn: (request: CreateCreditNoteRequest) => createCreditNote(invoiceId, request), onSuccess: changed });
}
