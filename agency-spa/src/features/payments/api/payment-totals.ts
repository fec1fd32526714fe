import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import { paymentFiltersQuery, type PaymentsListParams } from "./list-payments";

export type PaymentTotals = components["schemas"]["PaymentTotalsOut"];

/** GET /api/v1/payment-totals: the totals of every payment the list's filters find, not only the pages loaded. */
export const paymentTotalsQueryOptions = (params: PaymentsListParams) =>
  queryOptions({
    queryKey: [...queryKeys.payments.all, "totals", params] as const,
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/payment-totals", { params: { query: paymentFiltersQuery(params) }, signal })),
    placeholderData: keepPreviousData,
  });

export function usePaymentTotals(params: PaymentsListParams) {
  return useQuery(paymentTotalsQueryOptions(params));
}
