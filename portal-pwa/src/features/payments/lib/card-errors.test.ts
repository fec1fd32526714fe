import { describe, expect, it } from "vitest";
import { i18n } from "@/lib/i18n/i18n";
import { CARD_ERROR_REASONS, cardErrorMessage, cardErrorReason, type CardErrorReason } from "./card-errors";
import { stripeError } from "./pay-flow";
import { payErrorMessage } from "./wording";

describe("cardErrorReason", () => {
  it.each<[string | undefined, string | undefined, CardErrorReason]>([
    // Declines, told apart by the bank's decline code when there is one.
    ["card_declined", undefined, "declined"],
    ["card_declined", "generic_decline", "declined"],
    ["card_declined", "do_not_honor", "declined"],
    ["card_declined", "insufficient_funds", "insufficient-funds"],
    ["card_declined", "lost_card", "blocked"],
    ["card_declined", "stolen_card", "blocked"],
    ["card_declined", "fraudulent", "blocked"],
    ["card_declined", "some_new_bank_reason", "declined"],
    ["payment_failed", undefined, "declined"],
    ["insufficient_funds", undefined, "insufficient-funds"],
    // Card details.
    ["expired_card", undefined, "expired"],
    ["incorrect_cvc", undefined, "incorrect-cvc"],
    ["invalid_cvc", undefined, "incorrect-cvc"],
    ["incorrect_number", undefined, "incorrect-number"],
    ["invalid_number", undefined, "incorrect-number"],
    ["incomplete_number", undefined, "incorrect-number"],
    ["invalid_expiry_month", undefined, "incorrect-expiry"],
    ["invalid_expiry_year_past", undefined, "expired"],
    ["incorrect_zip", undefined, "incorrect-postal-code"],
    // The processor and the way to it.
    ["processing_error", undefined, "processing"],
    ["authentication_required", undefined, "authentication"],
    ["card_declined", "authentication_required", "authentication"],
    ["payment_intent_authentication_failure", undefined, "authentication"],
    ["rate_limited", undefined, "rate-limited"],
    ["rate_limit", undefined, "rate-limited"],
    ["gateway_unreachable", undefined, "unreachable"],
    ["network", undefined, "unreachable"],
    ["gateway_error", undefined, "gateway"],
    ["api_error", undefined, "gateway"],
    // Anything else.
    ["something_new", undefined, "unknown"],
    ["", undefined, "unknown"],
    [undefined, undefined, "unknown"],
    ["CARD_DECLINED", "INSUFFICIENT_FUNDS", "insufficient-funds"],
    ["__proto__", "constructor", "declined"],
  ])("code %s, decline code %s: %s", (code, declineCode, reason) => {
    expect(cardErrorReason(code, declineCode)).toBe(reason);
  });
});

describe("cardErrorMessage", () => {
  it.each(["en", "fr", "nl"])("has a sentence saying what to do next for every reason in %s", (language) => {
    const t = i18n.getFixedT(language);
    const sentences = CARD_ERROR_REASONS.map((reason) => cardErrorMessage(reason, t));
    for (const [index, sentence] of sentences.entries()) {
      expect(sentence, CARD_ERROR_REASONS[index]).not.toMatch(/cardErrors/u);
      // What happened, then what to do: at least two sentences.
      expect(sentence.split(/\.\s/u).length, CARD_ERROR_REASONS[index]).toBeGreaterThanOrEqual(2);
    }
    expect(new Set(sentences).size).toBe(sentences.length);
  });

  it("never shows what Stripe.js said, even a stand-in's stack trace", () => {
    const t = i18n.getFixedT("en");
    const raw = stripeError({ message: "Cannot read properties of undefined (reading 'card')" }, "card");
    expect(raw).toEqual({ kind: "card", reason: "unknown" });
    const message = payErrorMessage(raw, t);
    expect(message).not.toMatch(/Cannot read|undefined/u);
    expect(message).toBe(cardErrorMessage("unknown", t));

    const declined = stripeError({ type: "card_error", code: "card_declined", decline_code: "insufficient_funds", message: "Bad request" }, "card");
    expect(declined).toEqual({ kind: "declined", reason: "insufficient-funds" });
    expect(payErrorMessage(declined, i18n.getFixedT("fr"))).toMatch(/^Le solde ou le crédit de la carte ne suffit pas/u);
  });
});
