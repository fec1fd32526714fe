import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { fetchAllPages, MAX_PAGE_SIZE } from "@/lib/api/pagination";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type Invoice = components["schemas"]["InvoiceOut"];
export type Payment = components["schemas"]["PaymentOut"];

/**
 * GET /api/v1/invoices?state=open&state=partially_paid (every page, at most 10): the open
 * invoices a statement line could pay, optionally of one tenant; ranked on the screen.
 */
export const openInvoicesQueryOptions = (tenantId: string) =>
  queryOptions({
    queryKey: queryKeys.reconciliation.candidates("invoices", { tenantId }),
    queryFn: ({ signal }) =>
      fetchAllPages(
        async (cursor, pageSignal) =>
          unwrap(
            await api.GET("/api/v1/invoices", {
              params: {
                query: {
                  state: ["open", "partially_paid"],
                  tenant_id: tenantId === "" ? undefined : tenantId,
                  cursor,
                  limit: MAX_PAGE_SIZE,
                },
              },
              signal: pageSignal,
            }),
          ),
        signal,
      ),
    placeholderData: keepPreviousData,
  });

export function useOpenInvoices(tenantId: string) {
  return useQuery(openInvoicesQueryOptions(tenantId));
}

/** GET /api/v1/payments?status=succeeded (at most 10 pages): recorded payments a line could be. */
export const recordedPaymentsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.reconciliation.candidates("payments", {}),
    queryFn: ({ signal }) =>
      fetchAllPages(
        async (cursor, pageSignal) =>
          unwrap(
            await api.GET("/api/v1/payments", {
              params: { query: { status: "succeeded", cursor, limit: MAX_PAGE_SIZE } },
              signal: pageSignal,
            }),
          ),
        signal,
      ),
  });

export function useRecordedPayments(enabled: boolean) {
  return useQuery({ ...recordedPaymentsQueryOptions(), enabled });
}
