import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { queryKeys } from "./query-keys";

/**
 * After anything that moves money (an invoice approved, voided or credited, a payment recorded,
 * allocated or refunded, an approval decided): invoices, payments, lease balances and approvals
 * are all views of one ledger, so every cached view of them is refreshed. Amounts are never
 * patched in the cache by the UI: what is outstanding is always what the API says.
 */
export async function moneyChanged(queryClient: QueryClient): Promise<void> {
  await Promise.all(
    [queryKeys.invoices.all, queryKeys.payments.all, queryKeys.balances.all, queryKeys.approvals.all].map((queryKey) =>
      queryClient.invalidateQueries({ queryKey }),
    ),
  );
}

export function useMoneyChanged() {
  const queryClient = useQueryClient();
  return () => moneyChanged(queryClient);
}
