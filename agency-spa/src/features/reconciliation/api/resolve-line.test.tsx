import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { queryKeys } from "@/lib/api/query-keys";
import { aStatementLine } from "@/testing/fixtures";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { useIgnoreLine, useMatchLineToInvoice } from "./resolve-line";

function setUp() {
  const line = aStatementLine();
  stubApi({
    [`POST /api/v1/reconciliation/lines/${line.id}/match-invoice`]: () =>
      jsonResponse({ ...line, status: "matched", match_kind: "invoice", invoice_id: "inv-7", invoice_number: 7, payment_id: "pay-1" }),
    [`POST /api/v1/reconciliation/lines/${line.id}/ignore`]: () => jsonResponse({ ...line, status: "ignored", ignore_reason: "Own transfer" }),
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const views = {
    invoice: queryKeys.invoices.detail("inv-7"),
    invoices: queryKeys.invoices.list({ state: "open" }),
    payments: queryKeys.payments.list({}),
    balance: queryKeys.balances.lease("lease-1"),
    summary: queryKeys.collections.summary({ start: "2026-12-01", end: "2026-12-31" }),
    queue: queryKeys.reconciliation.lines({ status: "unmatched" }),
  };
  for (const key of Object.values(views)) queryClient.setQueryData(key, { cached: true });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
  const invalidated = () => Object.fromEntries(Object.entries(views).map(([name, key]) => [name, queryClient.getQueryState(key)?.isInvalidated]));
  return { line, wrapper, invalidated };
}

describe("resolving a statement line", () => {
  it("a match records a payment: the invoices, payments, balances and collections screens refresh with the queue", async () => {
    const { line, wrapper, invalidated } = setUp();
    const { result } = renderHook(() => useMatchLineToInvoice(line.id), { wrapper });
    await act(() => result.current.mutateAsync({ invoiceId: "inv-7", idempotencyKey: "0b6f1d4e-0000-4000-8000-00000000fffe" }));
    expect(invalidated()).toEqual({ invoice: true, invoices: true, payments: true, balance: true, summary: true, queue: true });
  });

  it("setting a line aside moves no money: only the queue refreshes", async () => {
    const { line, wrapper, invalidated } = setUp();
    const { result } = renderHook(() => useIgnoreLine(line.id), { wrapper });
    await act(() => result.current.mutateAsync("Own transfer"));
    expect(invalidated()).toEqual({ invoice: false, invoices: false, payments: false, balance: false, summary: false, queue: true });
  });
});
