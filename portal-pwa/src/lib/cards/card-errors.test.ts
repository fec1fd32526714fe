import { describe, expect, it } from "vitest";
import { i18n } from "@/lib/i18n/i18n";
import { CARD_ERROR_REASONS, cardErrorMessage, cardErrorReason, processorErrorReason, type CardErrorReason } from "./card-errors";

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

  it("reads Stripe.js' errors by their codes, whatever their message says", () => {
    expect(processorErrorReason({ code: "card_declined", decline_code: "insufficient_funds" })).toBe("insufficient-funds");
    expect(processorErrorReason({ code: "incorrect_cvc" })).toBe("incorrect-cvc");
    // The stand-in's exception ("Cannot read properties of undefined (reading 'card')") has none.
    expect(processorErrorReason({})).toBe("unknown");
    expect(processorErrorReason(null, "authentication")).toBe("authentication");
  });
});
