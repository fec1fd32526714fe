import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { queryKeys } from "@/lib/api/query-keys";
import { aPayment } from "@/testing/fixtures";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { useRecordPayment } from "./record-payment";

describe("useRecordPayment", () => {
  it("refreshes the collections center and reconciliation once a payment is recorded: their figures are the same ledger", async () => {
    stubApi({ "POST /api/v1/payments": () => jsonResponse(aPayment(), 201) });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
    const summary = queryKeys.collections.summary({ start: "2026-12-01", end: "2026-12-31" });
    const overdue = queryKeys.collections.overdue({ asOf: "2026-12-02" });
    const candidates = queryKeys.reconciliation.candidates("invoices", { tenantId: "" });
    for (const key of [summary, overdue, candidates]) queryClient.setQueryData(key, { cached: true });
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
    const { result } = renderHook(() => useRecordPayment(), { wrapper });

    expect(queryClient.getQueryState(summary)?.isInvalidated).toBe(false);
    await act(() =>
      result.current.mutateAsync({
        body: {
          lease_id: "lease-1",
          tenant_id: "tenant-1",
          amount: 95000,
          currency: "EUR",
          method: "bank_transfer",
          received_on: "2026-12-02",
          reference: "rent december",
        },
        idempotencyKey: "0b6f1d4e-0000-4000-8000-00000000ffff",
      }),
    );

    expect(queryClient.getQueryState(summary)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(overdue)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(candidates)?.isInvalidated).toBe(true);
  });
});
