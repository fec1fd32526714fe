import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

/**
 * GET /api/v1/invoices/{invoice_id}: lines, totals and what is outstanding, as the ledger derives
 * them — the invoice page's, and the invoice a tenant's transfer proof names. Nothing is asked
 * for "".
 */
export const invoiceQueryOptions = (invoiceId: string) =>
  queryOptions({
    queryKey: queryKeys.invoices.detail(invoiceId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/invoices/{invoice_id}", { params: { path: { invoice_id: invoiceId } }, signal })),
    enabled: invoiceId !== "",
  });

export function useInvoice(invoiceId: string) {
  return useQuery(invoiceQueryOptions(invoiceId));
}
