import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { fetchAllPages, MAX_PAGE_SIZE } from "@/lib/api/pagination";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type InvoicePayment = components["schemas"]["PaymentOut"];

/** GET /api/v1/payments?invoice_id=, every page: the payments allocated to an invoice (refund reversals included). */
export const invoicePaymentsQueryOptions = (invoiceId: string) =>
  queryOptions({
    queryKey: queryKeys.payments.list({ invoiceId, all: true }),
    queryFn: ({ signal }) =>
      fetchAllPages(
        async (cursor, pageSignal) =>
          unwrap(
            await api.GET("/api/v1/payments", {
              params: { query: { invoice_id: invoiceId, cursor, limit: MAX_PAGE_SIZE } },
              signal: pageSignal,
            }),
          ),
        signal,
      ),
  });

export function useInvoicePayments(invoiceId: string) {
  return useQuery(invoicePaymentsQueryOptions(invoiceId));
}

/** What a payment settled of one invoice: its allocations to it, net of refund reversals (as the API lists them). */
export function allocatedTo(payment: Pick<InvoicePayment, "allocations">, invoiceId: string): number {
  return payment.allocations.filter((allocation) => allocation.invoice_id === invoiceId).reduce((sum, allocation) => sum + allocation.amount, 0);
}

/** The moves by hand that brought money of this payment to the invoice or took it away, oldest first. */
export function movesOn(payment: Pick<InvoicePayment, "allocations">, invoiceId: string) {
  return payment.allocations.filter(
    (allocation) => allocation.invoice_id === invoiceId && allocation.move_id !== null && allocation.move_id !== undefined,
  );
}
