import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { cardsQueryKey, type SavedCard } from "./get-my-cards";

/** DELETE /api/v1/portal/payment-methods/{id}: forget a saved card. */
export async function removeMyCard(paymentMethodId: string): Promise<void> {
  unwrap(
    await api.DELETE("/api/v1/portal/payment-methods/{payment_method_id}", {
      params: { path: { payment_method_id: paymentMethodId } },
    }),
  );
}

export function useRemoveMyCard() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeMyCard,
    onSuccess: (_, paymentMethodId) => {
      queryClient.setQueryData<SavedCard[]>(cardsQueryKey, (cards) => cards?.filter((card) => card.id !== paymentMethodId));
      void queryClient.invalidateQueries({ queryKey: cardsQueryKey });
    },
  });
}
