import { api } from "@/lib/api/client";
import { cursorListOptions, PAGE_SIZE, useCursorList } from "@/lib/api/pagination";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type Invoice = components["schemas"]["InvoiceOut"];
export type InvoiceState = components["schemas"]["InvoiceState"];
export type InvoiceKind = components["schemas"]["InvoiceKind"];

export const INVOICE_STATES: readonly InvoiceState[] = ["draft", "open", "partially_paid", "paid", "void"];

/** The filters GET /api/v1/invoices offers; empty strings mean "any". */
export interface InvoicesListParams {
  states?: readonly InvoiceState[];
  /** Only those past their due date with money still owed. */
  overdue?: boolean;
  leaseId?: string;
  tenantId?: string;
  propertyId?: string;
  /** Due on or after / on or before (YYYY-MM-DD). */
  dueFrom?: string;
  dueTo?: string;
  /** A tenant's name, e-mail address or phone number (as people type it), or part of it. */
  q?: string;
}

const orUndefined = (value: string | undefined) => (value === "" ? undefined : value);

/** The filters as the API's query: shared by the list, its totals (GET /invoice-totals) and its CSV export. */
export function invoiceFiltersQuery(params: InvoicesListParams) {
  return {
    state: params.states === undefined || params.states.length === 0 ? undefined : [...params.states],
    overdue: params.overdue === true ? true : undefined,
    lease_id: orUndefined(params.leaseId),
    tenant_id: orUndefined(params.tenantId),
    property_id: orUndefined(params.propertyId),
    due_from: orUndefined(params.dueFrom),
    due_to: orUndefined(params.dueTo),
    q: orUndefined(params.q?.trim()),
  };
}

/** GET /api/v1/invoices: invoices, newest first, a page at a time. */
export const invoicesListQueryOptions = (params: InvoicesListParams, limit = PAGE_SIZE) =>
  cursorListOptions(queryKeys.invoices.list({ ...params, limit }), async (cursor, signal) =>
    unwrap(
      await api.GET("/api/v1/invoices", {
        params: { query: { ...invoiceFiltersQuery(params), cursor, limit } },
        signal,
      }),
    ),
  );

export function useInvoicesList(params: InvoicesListParams, limit?: number) {
  return useCursorList(invoicesListQueryOptions(params, limit));
}
