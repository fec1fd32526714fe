import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type CreditNote = components["schemas"]["CreditNoteOut"];
export type CreditNoteKind = components["schemas"]["CreditNoteKind"];

/** GET /api/v1/invoices/{invoice_id}/credit-notes: its credit notes and write-offs, oldest first, whatever their status. */
export const creditNotesQueryOptions = (invoiceId: string) =>
  queryOptions({
    queryKey: queryKeys.invoices.creditNotes(invoiceId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/invoices/{invoice_id}/credit-notes", { params: { path: { invoice_id: invoiceId } }, signal })),
  });

export function useCreditNotes(invoiceId: string) {
  return useQuery(creditNotesQueryOptions(invoiceId));
}
