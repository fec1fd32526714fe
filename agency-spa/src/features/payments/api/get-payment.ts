import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

/** GET /api/v1/payments/{payment_id}: the payment with its allocations, refunds, receipt and what is left as credit. */
export const paymentQueryOptions = (paymentId: string) =>
  queryOptions({
    queryKey: queryKeys.payments.detail(paymentId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/payments/{payment_id}", { params: { path: { payment_id: paymentId } }, signal })),
  });

export function usePayment(paymentId: string) {
  return useQuery(paymentQueryOptions(paymentId));
}
