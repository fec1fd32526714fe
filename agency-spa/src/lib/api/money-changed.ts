import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { queryKeys } from "./query-keys";

/**
 * Every cached view of the ledger: invoices, payments, lease balances, approvals, the collections
 * center (expected, collected, outstanding, overdue ageing, follow-ups) and reconciliation (a
 * line's candidates are open invoices and recorded payments) and the start page's counts.
 */
export const LEDGER_VIEWS = [
  queryKeys.invoices.all,
  queryKeys.payments.all,
  queryKeys.balances.all,
  queryKeys.approvals.all,
  queryKeys.collections.all,
  queryKeys.reconciliation.all,
  queryKeys.dashboard(),
] as const;

/**
 * After anything that moves money (an invoice approved, voided or credited, a payment recorded —
 * on the payments screen, by a reconciliation match or by confirming a transfer proof —
 * allocated or refunded, an approval decided): all views of the one ledger are refreshed, so a
 * payment recorded on the payments screen changes the collections figures and a match in
 * reconciliation shows on the invoices and payments screens. Amounts are never patched in the
 * cache by the UI: what is outstanding is always what the API says.
 */
export async function moneyChanged(queryClient: QueryClient): Promise<void> {
  await Promise.all(LEDGER_VIEWS.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

export function useMoneyChanged() {
  const queryClient = useQueryClient();
  return () => moneyChanged(queryClient);
}
