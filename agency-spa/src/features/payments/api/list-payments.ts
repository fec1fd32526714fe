import { api } from "@/lib/api/client";
import { cursorListOptions, PAGE_SIZE, useCursorList } from "@/lib/api/pagination";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type Payment = components["schemas"]["PaymentOut"];
export type PaymentMethod = components["schemas"]["PaymentMethod"];
export type PaymentStatus = components["schemas"]["PaymentStatus"];

export const PAYMENT_METHODS: readonly PaymentMethod[] = ["bank_transfer", "cash", "cheque", "card", "payment_link", "sepa_debit"];
export const PAYMENT_STATUSES: readonly PaymentStatus[] = ["succeeded", "pending", "failed"];

export interface PaymentsListParams {
  method?: PaymentMethod | undefined;
  status?: PaymentStatus | undefined;
  leaseId?: string;
  tenantId?: string;
  invoiceId?: string;
  /** Received on or after / on or before (YYYY-MM-DD, the agency's calendar). */
  receivedFrom?: string;
  receivedTo?: string;
  /** A tenant's name, e-mail address or phone number (as people type it), or part of it. */
  q?: string;
}

const orUndefined = (value: string | undefined) => (value === "" ? undefined : value);

/** The filters as the API's query: shared by the list, its totals (GET /payment-totals) and its CSV export. */
export function paymentFiltersQuery(params: PaymentsListParams) {
  return {
    method: params.method,
    status: params.status,
    lease_id: orUndefined(params.leaseId),
    tenant_id: orUndefined(params.tenantId),
    invoice_id: orUndefined(params.invoiceId),
    received_from: orUndefined(params.receivedFrom),
    received_to: orUndefined(params.receivedTo),
    q: orUndefined(params.q?.trim()),
  };
}

/** GET /api/v1/payments: payments, newest first, a page at a time. */
export const paymentsListQueryOptions = (params: PaymentsListParams) =>
  cursorListOptions(queryKeys.payments.list(params), async (cursor, signal) =>
    unwrap(
      await api.GET("/api/v1/payments", {
        params: { query: { ...paymentFiltersQuery(params), cursor, limit: PAGE_SIZE } },
        signal,
      }),
    ),
  );

export function usePaymentsList(params: PaymentsListParams) {
  return useCursorList(paymentsListQueryOptions(params));
}
