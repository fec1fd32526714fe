import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type RentReviewIn = components["schemas"]["RentReviewIn"];

export async function reviewRent(leaseId: string, body: RentReviewIn) {
  return unwrap(await api.POST("/api/v1/leases/{lease_id}/rent-reviews", { params: { path: { lease_id: leaseId } }, body }));
}

/**
 * POST /api/v1/leases/{lease_id}/rent-reviews: a new rent from a date. The lease's rent in effect
 * and history change, and rent invoices already issued for the reviewed periods are adjusted, so
 * the leases and the money (invoices, balances) are read again.
 */
export function useReviewRent(leaseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RentReviewIn) => reviewRent(leaseId, body),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.leases.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.invoices.all }),
      ]);
    },
  });
}
