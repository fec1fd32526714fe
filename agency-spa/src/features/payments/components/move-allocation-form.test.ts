import { describe, expect, it } from "vitest";
import { aPayment, anInvoice } from "@/testing/fixtures";
import { movableAllocations, moveTargets, readMove, TO_CREDIT } from "./move-allocation-form";

const JANUARY = "0b6f1d4e-0000-4000-8000-0000000000f1";
const FEE = "0b6f1d4e-0000-4000-8000-0000000000f2";
const FEBRUARY = "0b6f1d4e-0000-4000-8000-0000000000f3";

const payment = aPayment({
  amount: 100000,
  allocated: 95000,
  unallocated: 5000,
  allocations: [
    { invoice_id: JANUARY, invoice_number: 41, amount: 80000, created_at: "2026-11-30T10:00:00Z" },
    { invoice_id: FEE, invoice_number: 42, amount: 15000, created_at: "2026-11-30T10:00:00Z" },
    { invoice_id: JANUARY, invoice_number: 41, amount: -10000, created_at: "2026-12-01T10:00:00Z", move_id: "m1" },
    { invoice_id: FEBRUARY, invoice_number: 43, amount: 10000, created_at: "2026-12-01T10:00:00Z", move_id: "m1" },
    { invoice_id: FEBRUARY, invoice_number: 43, amount: -10000, created_at: "2026-12-02T10:00:00Z" },
  ],
});
const open = [
  anInvoice({ id: JANUARY, number: 41, outstanding: 15000 }),
  anInvoice({ id: FEBRUARY, number: 43, outstanding: 90000 }),
  anInvoice({ id: "paid", number: 44, outstanding: 0 }),
];
const values = { source: JANUARY, target: FEBRUARY, amount: "700", reason: "January was paid twice" };

describe("movableAllocations", () => {
  it("adds up each invoice's rows and leaves out what was moved or taken back in full", () => {
    expect(movableAllocations(payment)).toEqual([
      { invoiceId: JANUARY, invoiceNumber: 41, amount: 70000 },
      { invoiceId: FEE, invoiceNumber: 42, amount: 15000 },
    ]);
    expect(movableAllocations({ ...payment, status: "pending" })).toEqual([]);
  });
});

describe("moveTargets", () => {
  it("offers the lease's other invoices that still ask for money", () => {
    expect(moveTargets(open, JANUARY).map((invoice) => invoice.id)).toEqual([FEBRUARY]);
  });
});

describe("readMove", () => {
  const sources = movableAllocations(payment);

  it("reads a move to another invoice and one back to credit, in minor units", () => {
    expect(readMove(values, sources, open, "EUR", "en")).toEqual({
      ok: true,
      body: { from_invoice_id: JANUARY, to_invoice_id: FEBRUARY, amount: 70000, reason: "January was paid twice" },
    });
    expect(readMove({ ...values, target: TO_CREDIT, amount: "1.100,50" }, sources, open, "EUR", "nl")).toMatchObject({
      ok: false,
      errors: { amount: "payments.move.errors.moreThanSource" },
    });
    expect(readMove({ ...values, target: TO_CREDIT, amount: "100,50" }, sources, open, "EUR", "fr")).toEqual({
      ok: true,
      body: { from_invoice_id: JANUARY, to_invoice_id: null, amount: 10050, reason: "January was paid twice" },
    });
  });

  it("never moves more than the source holds or the target asks for", () => {
    expect(readMove({ ...values, amount: "700.01" }, sources, open, "EUR", "en")).toEqual({
      ok: false,
      errors: { amount: "payments.move.errors.moreThanSource" },
    });
    expect(readMove({ ...values, source: FEE, amount: "150" }, sources, open, "EUR", "en")).toEqual({
      ok: true,
      body: { from_invoice_id: FEE, to_invoice_id: FEBRUARY, amount: 15000, reason: "January was paid twice" },
    });
    const smallTarget = [anInvoice({ id: FEBRUARY, number: 43, outstanding: 20000 })];
    expect(readMove(values, sources, smallTarget, "EUR", "en")).toEqual({
      ok: false,
      errors: { amount: "payments.move.errors.moreThanTarget" },
    });
  });

  it("says what is missing: a source, a target other than the source, an amount, a reason", () => {
    expect(readMove({ source: "", target: "", amount: "0", reason: " " }, sources, open, "EUR", "en")).toEqual({
      ok: false,
      errors: {
        source: "payments.move.errors.chooseSource",
        target: "payments.move.errors.chooseTarget",
        amount: "payments.errors.amountZero",
        reason: "payments.errors.reasonRequired",
      },
    });
    expect(readMove({ ...values, target: JANUARY }, sources, open, "EUR", "en")).toMatchObject({
      ok: false,
      errors: { target: "payments.move.errors.chooseTarget" },
    });
    const unreadable = readMove({ ...values, amount: "abc" }, sources, open, "EUR", "en");
    expect(unreadable.ok ? undefined : unreadable.errors.amount).toMatch(/^money\./);
  });
});
