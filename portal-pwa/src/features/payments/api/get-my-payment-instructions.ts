import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

/** How to pay one lease by bank transfer: the agency's account and the lease's reference. */
export type PaymentInstructions = components["schemas"]["PaymentInstructionsOut"];

const STALE_TIME = 5 * 60 * 1000;

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
    staleTime: STALE_TIME,
  });

/**
 * GET /api/v1/portal/payment-instructions: every active lease's at once (the home's first
 * screen), without waiting for the leases' ids. Each answer is also kept under its lease's own
 * key, where the bank-details card reads it: the card asks again only for a lease missing here.
 */
export const allPaymentInstructionsQueryOptions = () =>
  queryOptions({
    queryKey: ["portal", "payment-instructions"] as const,
    queryFn: async ({ signal, client }) => {
      const all = unwrap(await api.GET("/api/v1/portal/payment-instructions", { signal }));
      for (const instructions of all) client.setQueryData(paymentInstructionsQueryKey(instructions.lease_id), instructions);
      return all;
    },
    staleTime: STALE_TIME,
  });

export function useMyPaymentInstructions(leaseId: string) {
  return useQuery(paymentInstructionsQueryOptions(leaseId));
}

export function useAllMyPaymentInstructions() {
  return useQuery(allPaymentInstructionsQueryOptions());
}
