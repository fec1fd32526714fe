import { describe, expect, it } from "vitest";
import { readPaymentDetails } from "./payment-details";

describe("readPaymentDetails", () => {
  it("reads the amount in the UI language's notation, the day and the reference", () => {
    expect(readPaymentDetails({ amount: "1 200,50", receivedOn: "2026-12-02", reference: " BANK 42 " }, "EUR", "fr", "2026-12-02")).toEqual({
      amount: 120050,
      errors: {},
    });
  });

  it("refuses nothing, a day in the agency's future and a missing reference", () => {
    expect(readPaymentDetails({ amount: "0", receivedOn: "2026-12-03", reference: " " }, "EUR", "en", "2026-12-02")).toEqual({
      amount: null,
      errors: { amount: "payments.errors.amountZero", received_on: "payments.errors.future", reference: "form.required" },
    });
    expect(readPaymentDetails({ amount: "12.3456", receivedOn: "", reference: "x" }, "EUR", "en", "2026-12-02").errors).toEqual({
      amount: "money.tooManyDecimals",
      received_on: "form.required",
    });
    expect(readPaymentDetails({ amount: "1.100", receivedOn: "2026-12-02", reference: "x" }, "EUR", "fr", "2026-12-02").errors).toEqual({
      amount: "money.ambiguous",
    });
  });
});
