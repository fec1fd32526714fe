import type { TFunction } from "i18next";

/**
 * Why a card payment did not go through, in the few cases a payer can act on differently. Every
 * code the card processor (Stripe.js in the browser, the API's problem `code` / `decline_code`)
 * or Doorstep's gateway layer gives is sorted into one of these, here and nowhere else; each has
 * a sentence in every locale (`payments.cardErrors.<reason>`) saying what happened and what to
 * do next. The processor's own text is never shown: it is English, and sometimes a stack trace.
 */
export type CardErrorReason =
  | "declined"
  | "insufficient-funds"
  | "blocked"
  | "expired"
  | "incorrect-cvc"
  | "incorrect-number"
  | "incorrect-expiry"
  | "incorrect-postal-code"
  | "processing"
  | "authentication"
  | "rate-limited"
  | "unreachable"
  | "gateway"
  | "unknown";

export const CARD_ERROR_REASONS: readonly CardErrorReason[] = [
  "declined",
  "insufficient-funds",
  "blocked",
  "expired",
  "incorrect-cvc",
  "incorrect-number",
  "incorrect-expiry",
  "incorrect-postal-code",
  "processing",
  "authentication",
  "rate-limited",
  "unreachable",
  "gateway",
  "unknown",
];

/** The bank's reasons (Stripe's `decline_code`) that say more than "declined". */
const DECLINE_CODES: Readonly<Record<string, CardErrorReason>> = {
  insufficient_funds: "insufficient-funds",
  card_velocity_exceeded: "insufficient-funds",
  withdrawal_count_limit_exceeded: "insufficient-funds",
  lost_card: "blocked",
  stolen_card: "blocked",
  pickup_card: "blocked",
  restricted_card: "blocked",
  fraudulent: "blocked",
  merchant_blacklist: "blocked",
  security_violation: "blocked",
  expired_card: "expired",
  incorrect_cvc: "incorrect-cvc",
  invalid_cvc: "incorrect-cvc",
  incorrect_number: "incorrect-number",
  invalid_number: "incorrect-number",
  invalid_expiry_month: "incorrect-expiry",
  invalid_expiry_year: "incorrect-expiry",
  incorrect_zip: "incorrect-postal-code",
  processing_error: "processing",
  reenter_transaction: "processing",
  try_again_later: "processing",
  issuer_not_available: "processing",
  authentication_required: "authentication",
  approve_with_id: "authentication",
};

/** The processor's error codes (Stripe's `code`) and Doorstep's own gateway codes. */
const ERROR_CODES: Readonly<Record<string, CardErrorReason>> = {
  card_declined: "declined",
  payment_failed: "declined",
  insufficient_funds: "insufficient-funds",
  expired_card: "expired",
  incorrect_cvc: "incorrect-cvc",
  invalid_cvc: "incorrect-cvc",
  incomplete_cvc: "incorrect-cvc",
  incorrect_number: "incorrect-number",
  invalid_number: "incorrect-number",
  incomplete_number: "incorrect-number",
  invalid_expiry_month: "incorrect-expiry",
  invalid_expiry_year: "incorrect-expiry",
  invalid_expiry_month_past: "incorrect-expiry",
  invalid_expiry_year_past: "expired",
  incomplete_expiry: "incorrect-expiry",
  incorrect_zip: "incorrect-postal-code",
  incomplete_zip: "incorrect-postal-code",
  postal_code_invalid: "incorrect-postal-code",
  processing_error: "processing",
  authentication_required: "authentication",
  payment_intent_authentication_failure: "authentication",
  setup_intent_authentication_failure: "authentication",
  card_not_supported: "blocked",
  rate_limit: "rate-limited",
  rate_limited: "rate-limited",
  gateway_unreachable: "unreachable",
  network: "unreachable",
  gateway_error: "gateway",
  api_error: "gateway",
};

/**
 * The reason for a processor or gateway code, and the bank's decline code when there is one
 * (it says more: `card_declined` + `insufficient_funds` is "insufficient-funds"). Anything not
 * known is "unknown", never an error.
 */
export function cardErrorReason(code: string | null | undefined, declineCode?: string | null): CardErrorReason {
  const decline = declineCode?.toLowerCase();
  if (decline !== undefined && decline !== "" && Object.hasOwn(DECLINE_CODES, decline)) {
    return DECLINE_CODES[decline] ?? "unknown";
  }
  const normalised = code?.toLowerCase();
  if (normalised !== undefined && normalised !== "" && Object.hasOwn(ERROR_CODES, normalised)) {
    return ERROR_CODES[normalised] ?? "unknown";
  }
  // A decline without a reason we know is still a decline.
  return decline !== undefined && decline !== "" ? "declined" : "unknown";
}

/** What Stripe.js reports (`{code, decline_code, message}`); its message is never used. */
export interface ProcessorError {
  code?: string | undefined;
  decline_code?: string | undefined;
}

/**
 * The reason for an error Stripe.js reports. Without any code (the local stand-in's exceptions,
 * a cancelled 3-D Secure prompt) it is `fallback`.
 */
export function processorErrorReason(error: ProcessorError | null | undefined, fallback: CardErrorReason = "unknown"): CardErrorReason {
  const code = error?.code ?? "";
  const declineCode = error?.decline_code ?? "";
  if (code === "" && declineCode === "") return fallback;
  return cardErrorReason(code, declineCode);
}

/** The sentence for a reason, in the payer's language: what happened, and what to do next. */
export function cardErrorMessage(reason: CardErrorReason, t: TFunction): string {
  return t(`payments.cardErrors.${reason}`);
}
