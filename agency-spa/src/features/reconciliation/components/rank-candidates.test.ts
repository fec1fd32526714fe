import { describe, expect, it } from "vitest";
import { aStatementLine, anInvoice } from "@/testing/fixtures";
import type { Payment } from "../api/candidates";
import { compact, invoiceNumbersIn, rankInvoices, rankPayments } from "./rank-candidates";

const payment = (overrides: Partial<Payment>): Payment => ({
  id: "p",
  lease_id: "l",
  tenant_id: "t",
  tenant_name: "Tess Tenant",
  property_name: "Residence Louise",
  unit_name: "Flat 1A",
  method: "bank_transfer",
  status: "succeeded",
  amount: 95000,
  currency: "EUR",
  received_on: "2026-12-01",
  reference: null,
  recorded_by_name: null,
  receipt_number: 1,
  allocated: 0,
  refunded: 0,
  unallocated: 95000,
  allocations: [],
  refunds: [],
  failure_reason: null,
  created_at: "2026-12-01T10:00:00Z",
  ...overrides,
});

describe("invoiceNumbersIn", () => {
  it("reads invoice numbers the way banks' references write them", () => {
    expect([...invoiceNumbersIn("Rent dec INV-0012 thanks")]).toEqual([12]);
    expect([...invoiceNumbersIn("facture n° 7 et #9")]).toEqual([7, 9]);
    expect([...invoiceNumbersIn("RF18 5390 0754 7034")]).toEqual([]);
    expect(compact("INV-0012 / Tess")).toBe("INV0012TESS");
  });
});

describe("rankInvoices", () => {
  it("puts the invoice of the same amount whose number the reference names first", () => {
    const line = aStatementLine({ amount: 95000, reference: "rent dec inv 7", counterparty: "T. TENANT" });
    const ranked = rankInvoices(line, [
      anInvoice({ id: "other-amount", number: 8, outstanding: 87500, tenant_names: ["Noah Neighbour"] }),
      anInvoice({ id: "same-amount", number: 9, outstanding: 95000, tenant_names: ["Noah Neighbour"] }),
      anInvoice({ id: "named", number: 7, outstanding: 95000 }),
    ]);
    expect(ranked.map((entry) => [entry.item.id, entry.reasons])).toEqual([
      ["named", ["sameAmount", "numberInReference", "payerNamed"]],
      ["same-amount", ["sameAmount"]],
      ["other-amount", []],
    ]);
  });
});

describe("rankPayments", () => {
  it("offers only succeeded payments of the same amount, the one with the quoted reference first", () => {
    const line = aStatementLine({ amount: 95000, reference: "SEPA NOAH NEIGHBOUR RENT DEC", counterparty: "Noah Neighbour" });
    const ranked = rankPayments(line, [
      payment({ id: "other", amount: 50000 }),
      payment({ id: "failed", status: "failed" }),
      payment({ id: "plain", reference: "cash 12" }),
      payment({ id: "quoted", reference: "NOAH NEIGHBOUR RENT", tenant_name: "Noah Neighbour" }),
    ]);
    expect(ranked.map((entry) => [entry.item.id, entry.reasons])).toEqual([
      ["quoted", ["sameAmount", "referenceMatches", "payerNamed"]],
      ["plain", ["sameAmount"]],
    ]);
  });
});
