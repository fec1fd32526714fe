import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { moneyChanged } from "./money-changed";
import { queryKeys } from "./query-keys";

describe("moneyChanged", () => {
  it("refreshes every view of the ledger — invoices, payments, balances, approvals, collections, reconciliation — and leaves the book alone", async () => {
    const queryClient = new QueryClient();
    const ledger = [
      queryKeys.invoices.list({ state: "open" }),
      queryKeys.invoices.detail("inv-7"),
      queryKeys.payments.detail("pay-1"),
      queryKeys.balances.lease("lease-1"),
      queryKeys.approvals.list({ status: "pending" }),
      queryKeys.collections.summary({ start: "2026-12-01", end: "2026-12-31" }),
      queryKeys.collections.overdue({ asOf: "2026-12-02" }),
      queryKeys.collections.followUps.detail("fu-1"),
      queryKeys.reconciliation.lines({ status: "unmatched" }),
      queryKeys.reconciliation.candidates("invoices", { tenantId: "" }),
      queryKeys.dashboard(),
    ];
    const book = [queryKeys.leases.detail("lease-1"), queryKeys.tenants.list({}), queryKeys.trustAccount()];
    for (const key of [...ledger, ...book]) queryClient.setQueryData(key, { cached: true });

    await moneyChanged(queryClient);

    for (const key of ledger) expect(queryClient.getQueryState(key)?.isInvalidated, JSON.stringify(key)).toBe(true);
    for (const key of book) expect(queryClient.getQueryState(key)?.isInvalidated, JSON.stringify(key)).toBe(false);
  });
});
