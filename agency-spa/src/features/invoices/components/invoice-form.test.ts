import { describe, expect, it } from "vitest";
import { readCreditNote } from "./credit-note-form";
import { readInvoiceForm, runningTotal } from "./invoice-form";

const line = (description: string, amount: string, key = description) => ({ key, description, amount });

describe("readInvoiceForm", () => {
  it("reads lines exactly in the UI's notation and totals them", () => {
    const read = readInvoiceForm(
      { leaseId: "lease-1", kind: "deposit", dueDate: "2026-12-20", lines: [line(" Deposit ", "1 900,00"), line("Key", "0,29")] },
      "EUR",
      "fr",
    );
    expect(read).toEqual({
      ok: true,
      body: { lease_id: "lease-1", kind: "deposit", due_date: "2026-12-20", lines: [{ description: "Deposit", amount: 190000 }, { description: "Key", amount: 29 }] },
      total: 190029,
    });
  });

  it("names each wrong field by the API's path", () => {
    const read = readInvoiceForm({ leaseId: "", kind: "fee", dueDate: "", lines: [line("Ok", "1"), line("", "0"), line("Bad", "1.234")] }, "EUR", "en");
    expect(read).toEqual({
      ok: false,
      errors: {
        lease_id: "invoices.errors.chooseLease",
        due_date: "form.required",
        "lines.1.description": "form.required",
        "lines.1.amount": "invoices.errors.amountZero",
        "lines.2.amount": "money.tooManyDecimals",
      },
    });
  });

  it("totals what already reads while typing", () => {
    expect(runningTotal([line("a", "10"), line("b", "abc"), line("c", "0.5")], "EUR", "en")).toBe(1050);
  });
});

describe("readCreditNote", () => {
  it("takes at most what the invoice still asks for, and always a reason", () => {
    expect(readCreditNote({ kind: "write_off", amount: "350", reason: " Left " }, 35000, "EUR", "en")).toEqual({
      ok: true,
      body: { kind: "write_off", amount: 35000, reason: "Left" },
    });
    expect(readCreditNote({ kind: "credit", amount: "350.01", reason: "" }, 35000, "EUR", "en")).toEqual({
      ok: false,
      errors: { amount: "invoices.errors.creditTooLarge", reason: "invoices.errors.reasonRequired" },
    });
  });
});
