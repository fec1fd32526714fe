import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { fetchAllPages, MAX_PAGE_SIZE } from "@/lib/api/pagination";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type OpenInvoice = components["schemas"]["InvoiceOut"];

/**
 * GET /api/v1/invoices?lease_id=&state=open&state=partially_paid, every page: the invoices of a
 * lease a payment can settle, oldest due first (ties by number).
 */
export const openInvoicesQueryOptions = (leaseId: string) =>
  queryOptions({
    queryKey: queryKeys.invoices.list({ leaseId, states: ["open", "partially_paid"], all: true }),
    queryFn: async ({ signal }) => {
      const { items, complete } = await fetchAllPages(
        async (cursor, pageSignal) =>
          unwrap(
            await api.GET("/api/v1/invoices", {
              params: { query: { lease_id: leaseId, state: ["open", "partially_paid"], cursor, limit: MAX_PAGE_SIZE } },
              signal: pageSignal,
            }),
          ),
        signal,
      );
      const sorted = [...items].sort((a, b) => a.due_date.localeCompare(b.due_date) || (a.number ?? 0) - (b.number ?? 0));
      return { items: sorted, complete };
    },
    enabled: leaseId !== "",
  });

export function useOpenInvoices(leaseId: string) {
  return useQuery(openInvoicesQueryOptions(leaseId));
}
