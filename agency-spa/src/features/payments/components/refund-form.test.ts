import { describe, expect, it } from "vitest";
import { aPayment } from "@/testing/fixtures";
import { readRefund, refundable } from "./refund-form";

describe("refundable", () => {
  it("is what is left after refunds made and refunds still waiting", () => {
    const refund = (status: "pending_approval" | "processing" | "succeeded" | "rejected", amount: number) => ({
      id: `${status}-${amount}`,
      status,
      amount,
      reason: "r",
      created_at: "2026-12-01T10:00:00Z",
    });
    const payment = aPayment({
      amount: 100000,
      refunded: 10000,
      refunds: [refund("succeeded", 10000), refund("pending_approval", 60000), refund("rejected", 5000), refund("processing", 1000)],
    });
    expect(refundable(payment)).toBe(29000);
    expect(refundable({ ...payment, status: "pending" })).toBe(0);
  });
});

describe("readRefund", () => {
  it("refuses more than is left and an empty reason", () => {
    expect(readRefund({ amount: "290.01", reason: "  " }, 29000, "EUR", "en")).toEqual({
      ok: false,
      errors: { amount: "payments.errors.refundTooLarge", reason: "payments.errors.reasonRequired" },
    });
    expect(readRefund({ amount: "290", reason: "Overpaid" }, 29000, "EUR", "en")).toEqual({ ok: true, body: { amount: 29000, reason: "Overpaid" } });
  });
});
