import { describe, expect, it } from "vitest";
import { allocationInputs, prefillAllocations, readAllocations } from "./allocation";

const invoices = [
  { id: "oldest", outstanding: 50_000 },
  { id: "middle", outstanding: 30_000 },
  { id: "newest", outstanding: 95_000 },
];

describe("prefillAllocations", () => {
  it("settles the oldest invoices first and leaves the rest as credit", () => {
    expect([...prefillAllocations(90_000, invoices)]).toEqual([
      ["oldest", 50_000],
      ["middle", 30_000],
      ["newest", 10_000],
    ]);
    expect([...prefillAllocations(200_000, invoices).values()].reduce((a, b) => a + b, 0)).toBe(175_000);
  });

  it("starts with the invoice the form was opened for", () => {
    expect([...prefillAllocations(100_000, invoices, "newest")]).toEqual([
      ["newest", 95_000],
      ["oldest", 5_000],
    ]);
  });

  it("allocates nothing from nothing", () => {
    expect(prefillAllocations(0, invoices).size).toBe(0);
  });

  it("shows the split as typed amounts in the UI's notation", () => {
    expect(allocationInputs(new Map([["oldest", 123_456]]), invoices, "EUR", "fr")).toEqual({ oldest: "1234,56", middle: "", newest: "" });
  });
});

describe("readAllocations", () => {
  it("sends only positive amounts and sums them exactly", () => {
    const read = readAllocations({ oldest: "500", middle: "0.10", newest: "" }, invoices, 60_000, "EUR", "en");
    expect(read.allocations).toEqual([
      { invoice_id: "oldest", amount: 50_000 },
      { invoice_id: "middle", amount: 10 },
    ]);
    expect(read).toMatchObject({ allocated: 50_010, overAllocated: false, errors: {} });
  });

  it("refuses more than an invoice still asks for", () => {
    const read = readAllocations({ middle: "300.01" }, invoices, 100_000, "EUR", "en");
    expect(read.errors).toEqual({ middle: "payments.errors.allocationTooLarge" });
    expect(read.allocations).toEqual([]);
  });

  it("says when the amounts together exceed the payment", () => {
    const read = readAllocations({ oldest: "500", middle: "300" }, invoices, 79_999, "EUR", "en");
    expect(read.overAllocated).toBe(true);
    expect(read.allocated).toBe(80_000);
  });

  it("names an amount that does not read", () => {
    expect(readAllocations({ oldest: "12.3456" }, invoices, 100_000, "EUR", "en").errors).toEqual({ oldest: "money.tooManyDecimals" });
    expect(readAllocations({ oldest: "1.100" }, invoices, 100_000, "EUR", "fr").errors).toEqual({ oldest: "money.ambiguous" });
  });
});
