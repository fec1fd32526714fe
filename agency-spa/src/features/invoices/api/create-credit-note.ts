import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { useMoneyChanged } from "@/lib/api/money-changed";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type CreditNoteCreate = components["schemas"]["CreditNoteCreate"];

export async function createCreditNote(invoiceId: string, body: CreditNoteCreate) {
  return unwrap(
    await api.POST("/api/v1/invoices/{invoice_id}/credit-notes", { params: { path: { invoice_id: invoiceId } }, body }),
  );
}

/**
 * POST /api/v1/invoices/{invoice_id}/credit-notes: a credit note or a write-off, at most what the
 * invoice still asks for. Above the agency's threshold the answer is `pending_approval` with an
 * `approval_id`: it counts only once an accountant or owner approves it.
 */
export function useCreateCreditNote(invoiceId: string) {
  const changed = useMoneyChanged();
  return useMutation({ mutationFn: (body: CreditNoteCreate) => createCreditNote(invoiceId, body), onSuccess: changed });
}
