import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

/** One of the tenant's invoices, as GET /api/v1/portal/invoices[/{id}] answers it. */
export type Invoice = components["schemas"]["InvoiceOut"];
export type InvoiceState = components["schemas"]["InvoiceState"];

export const invoiceQueryKey = (invoiceId: string) => ["portal", "invoices", "detail", invoiceId] as const;

/**
 * GET /api/v1/portal/invoices/{invoice_id}. The invoice lists seed this query for each invoice
 * they return (see get-my-invoices.ts), so an invoice opens at once, also offline.
 */
export const invoiceQueryOptions = (invoiceId: string) =>
  queryOptions({
    queryKey: invoiceQueryKey(invoiceId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/portal/invoices/{invoice_id}", { params: { path: { invoice_id: invoiceId } }, signal })),
  });

export function useMyInvoice(invoiceId: string) {
  return useQuery(invoiceQueryOptions(invoiceId));
}
