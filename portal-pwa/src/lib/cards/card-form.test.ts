import { describe, expect, it } from "vitest";
import { cardFieldState, EMPTY_CARD, validateCardForm } from "./card-form";

/** The stand-in's card field: five plain inputs, found by their placeholders. */
function plainInputs(values: Partial<Record<"number" | "exp_month" | "exp_year" | "cvc" | "postal_code", string>>): HTMLElement {
  const container = document.createElement("div");
  for (const name of ["number", "exp_month", "exp_year", "cvc", "postal_code"] as const) {
    const input = document.createElement("input");
    input.placeholder = name;
    input.value = values[name] ?? "";
    container.appendChild(input);
  }
  return container;
}

describe("validateCardForm", () => {
  it("refuses an empty card, an incomplete one and one Stripe.js finds wrong", () => {
    expect(validateCardForm({ card: EMPTY_CARD })).toBe("card-empty");
    expect(validateCardForm({ card: { empty: false, complete: false } })).toBe("card-incomplete");
    expect(validateCardForm({ card: { empty: false, complete: false, errorCode: "invalid_number" } })).toBe("card-invalid");
    expect(validateCardForm({ card: { empty: false, complete: true } })).toBeNull();
  });

  it("asks for the name only where the form asks for one", () => {
    const card = { empty: false, complete: true };
    expect(validateCardForm({ card, name: { required: true, value: "  " } })).toBe("name-missing");
    expect(validateCardForm({ card, name: { required: true, value: "Tess Janssens" } })).toBeNull();
    expect(validateCardForm({ card, name: { required: false, value: "" } })).toBeNull();
  });
});

describe("cardFieldState", () => {
  it("takes Stripe.js' change event as it is", () => {
    expect(cardFieldState({ empty: false, complete: true, error: null }, null)).toEqual({ empty: false, complete: true });
    expect(cardFieldState({ empty: false, complete: false, error: { code: "invalid_expiry_year_past", message: "…" } }, null)).toEqual({
      empty: false,
      complete: false,
      errorCode: "invalid_expiry_year_past",
    });
  });

  it("reads the stand-in's inputs when the event says nothing", () => {
    expect(cardFieldState(undefined, plainInputs({}))).toEqual({ empty: true, complete: false });
    expect(cardFieldState(undefined, plainInputs({ number: "4242 4242 4242 4242" }))).toEqual({ empty: false, complete: false });
    expect(cardFieldState(undefined, plainInputs({ number: "4242424242424242", exp_month: "13", exp_year: "30", cvc: "123" }))).toEqual({ empty: false, complete: false });
    expect(cardFieldState(undefined, plainInputs({ number: "4242424242424242", exp_month: "12", exp_year: "30", cvc: "12" }))).toEqual({ empty: false, complete: false });
    expect(cardFieldState(undefined, plainInputs({ number: "4242424242424242", exp_month: "12", exp_year: "30", cvc: "123" }))).toEqual({ empty: false, complete: true });
    expect(cardFieldState(undefined, null)).toEqual(EMPTY_CARD);
  });
});
