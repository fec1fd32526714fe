import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

/** How to pay one lease by bank transfer: the agency's account and the lease's reference. */
export type PaymentInstructions = components["schemas"]["PaymentInstructionsOut"];

export const paymentInstructionsQueryKey = (leaseId: string) => ["portal", "leases", "payment-instructions", leaseId] as const;

/** GET /api/v1/portal/leases/{lease_id}/payment-instructions (persisted: readable offline). */
export const paymentInstructionsQueryOptions = (leaseId: string) =>
  queryOptions({
    queryKey: paymentInstructionsQueryKey(leaseId),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET("/api/v1/portal/leases/{lease_id}/payment-instructions", {
          params: { path: { lease_id: leaseId } },
          signal,
        }),
      ),
    staleTime: 5 * 60 * 1000,
  });

export function useMyPaymentInstructions(leaseId: string) {
  return useQuery(paymentInstructionsQueryOptions(leaseId));
}
