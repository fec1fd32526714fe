import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { invoiceQueryKey, type InvoiceState } from "./get-my-invoice";

/** The lists the portal shows: what is left to pay, what is paid, or everything. */
export type InvoiceFilter = "to-pay" | "paid" | "all";

export const INVOICE_FILTER_STATES: Record<InvoiceFilter, InvoiceState[] | undefined> = {
  "to-pay": ["open", "partially_paid"],
  paid: ["paid"],
  // The API's default: open, partly paid and paid (never drafts or void ones).
  all: undefined,
};

export const INVOICES_PAGE_SIZE = 20;

export const invoicesQueryKey = (filter: InvoiceFilter) => ["portal", "invoices", "list", filter] as const;

/**
 * GET /api/v1/portal/invoices?state=…: newest first, a page at a time (cursor pagination; "load
 * more" asks for the next page). Each invoice is also written into its detail query, so it opens
 * without a request, and offline.
 */
export const myInvoicesQueryOptions = (filter: InvoiceFilter, pageSize: number = INVOICES_PAGE_SIZE) =>
  infiniteQueryOptions({
    queryKey: invoicesQueryKey(filter),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal, client }) => {
      const states = INVOICE_FILTER_STATES[filter];
      const page = unwrap(
        await api.GET("/api/v1/portal/invoices", {
          params: { query: { limit: pageSize, ...(pageParam === null ? {} : { cursor: pageParam }), ...(states ? { state: states } : {}) } },
          signal,
        }),
      );
      const updatedAt = Date.now();
      for (const invoice of page.items) client.setQueryData(invoiceQueryKey(invoice.id), invoice, { updatedAt });
      return page;
    },
    getNextPageParam: (last) => last.next_cursor,
  });

export function useMyInvoices(filter: InvoiceFilter) {
  return useInfiniteQuery(myInvoicesQueryOptions(filter));
}
