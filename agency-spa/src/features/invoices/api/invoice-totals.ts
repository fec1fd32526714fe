import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import { invoiceFiltersQuery, type InvoicesListParams } from "./list-invoices";

export type InvoiceTotals = components["schemas"]["InvoiceTotalsOut"];

/** GET /api/v1/invoice-totals: the totals of every invoice the list's filters find, not only the pages loaded. */
export const invoiceTotalsQueryOptions = (params: InvoicesListParams) =>
  queryOptions({
    queryKey: [...queryKeys.invoices.all, "totals", params] as const,
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/invoice-totals", { params: { query: invoiceFiltersQuery(params) }, signal })),
    placeholderData: keepPreviousData,
  });

export function useInvoiceTotals(params: InvoicesListParams) {
  return useQuery(invoiceTotalsQueryOptions(params));
}
