/**
 * Whether the new-card form can be sent, checked before anything leaves the browser (an empty
 * form once reached the card processor and came back as "Cannot read properties of undefined").
 *
 * Stripe.js' card Element reports its state in its `change` event (`empty`, `complete`, and an
 * `error` with a code while what is typed is wrong). The local stand-in (localstripe) calls the
 * handler with no event: its plain inputs are then read from the form's container instead.
 */
export interface CardFieldState {
  empty: boolean;
  complete: boolean;
  /** Stripe.js' code for what is wrong with what is typed (`invalid_number`...), if anything. */
  errorCode?: string;
}

export const EMPTY_CARD: CardFieldState = { empty: true, complete: false };

export type CardFormProblem = "card-empty" | "card-incomplete" | "card-invalid" | "name-missing";

export interface CardFormCheck {
  card: CardFieldState;
  /** The cardholder's name, where the form asks for it. */
  name?: { required: boolean; value: string };
}

/** The first problem that keeps the form from being sent, or null when it can go. */
export function validateCardForm({ card, name }: CardFormCheck): CardFormProblem | null {
  if (card.errorCode !== undefined) return "card-invalid";
  if (card.empty) return "card-empty";
  if (!card.complete) return "card-incomplete";
  if (name?.required === true && name.value.trim() === "") return "name-missing";
  return null;
}

interface StripeChangeEvent {
  empty?: unknown;
  complete?: unknown;
  error?: { code?: unknown } | null;
}

function isStripeChange(event: unknown): event is StripeChangeEvent {
  return typeof event === "object" && event !== null && typeof (event as StripeChangeEvent).complete === "boolean";
}

const digits = (value: string) => value.replace(/\D/gu, "");

/** The stand-in's inputs (placeholders number, exp_month, exp_year, cvc, postal_code). */
function readPlainInputs(container: ParentNode): CardFieldState {
  const value = (placeholder: string) => container.querySelector<HTMLInputElement>(`input[placeholder="${placeholder}"]`)?.value.trim() ?? "";
  const number = digits(value("number"));
  const month = Number.parseInt(value("exp_month"), 10);
  const year = digits(value("exp_year"));
  const cvc = digits(value("cvc"));
  const typed = [value("number"), value("exp_month"), value("exp_year"), value("cvc"), value("postal_code")];
  const empty = typed.every((field) => field === "");
  const complete = number.length >= 12 && number.length <= 19 && month >= 1 && month <= 12 && (year.length === 2 || year.length === 4) && cvc.length >= 3 && cvc.length <= 4;
  return { empty, complete };
}

/** The card field's state after a `change` event (or, from the stand-in, none). */
export function cardFieldState(event: unknown, container: ParentNode | null): CardFieldState {
  if (isStripeChange(event)) {
    const code = event.error?.code;
    return {
      empty: event.empty === true,
      complete: event.complete === true,
      ...(typeof code === "string" && code !== "" ? { errorCode: code } : {}),
    };
  }
  return container === null ? EMPTY_CARD : readPlainInputs(container);
}
