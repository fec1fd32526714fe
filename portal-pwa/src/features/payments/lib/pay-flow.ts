import { ApiError, isNetworkError, problemSlug } from "@doorstep/web-shared/lib/api/problem";
import { newIdempotencyKey } from "@doorstep/web-shared/lib/api/idempotency-key";
import { paymentMethodId, StripeLoadError, type StripeCardElement, type StripeError, type StripeJs, type StripeLoader } from "@/lib/stripe/stripe-js";
import type { CardPayment, CardSetup } from "../api/pay-my-invoice";
import { cardErrorReason, processorErrorReason, type CardErrorReason } from "@/lib/cards/card-errors";
import { cardFieldState, EMPTY_CARD, validateCardForm, type CardFieldState, type CardFormProblem } from "@/lib/cards/card-form";

/**
 * Paying an invoice by card, the same way on real Stripe and on the local stand-in
 * (shared/DEPENDENCIES.md "Payments"):
 *
 * 1. a new card: the API starts a SetupIntent (`startSetup`), Stripe.js is loaded from the URL it
 *    gives and its `card` Element mounted; on "Pay", the form is checked (nothing is sent while
 *    it is empty or incomplete), then `confirmCardSetup` sets the card up at Stripe; a saved card
 *    skips all this;
 * 2. the API charges the card (`pay`) with an Idempotency-Key, saying for a new card whether the
 *    payer asked to keep it (the API keeps it only then, and never when it is declined);
 * 3. `requires_action` (3-D Secure): Stripe.js' `confirmCardPayment`, after which the payment
 *    settles on the server by itself (the screen then waits for the invoice to show paid).
 *
 * The Idempotency-Key belongs to one *attempt* (this invoice, this card). It is kept while the
 * outcome is unknown — the answer was lost (network), the server or the card processor had a
 * problem (5xx), or the attempt is still being processed (409 in progress) — so "Try again"
 * resends the same key and the server replays or resumes the first attempt: a retry never
 * charges twice. It is dropped once the answer is final — paid, declined, or refused (4xx) — so
 * the next "Pay" is a new attempt with a new key.
 *
 * One action at a time: while one runs, every other call is ignored (no double submits).
 */

export type PayStage = "loading-form" | "confirming-card" | "charging" | "authenticating";

export type PayErrorKind =
  | "declined"
  | "card"
  | "not-enabled"
  | "not-configured"
  | "not-payable"
  | "in-progress"
  | "outcome-unknown"
  | "gateway"
  | "network"
  | "authentication"
  | "form-unavailable"
  | "expired"
  | "not-found"
  | "invalid-card"
  | "other";

export interface PayError {
  kind: PayErrorKind;
  /** Why the card processor refused (declines, card and gateway problems): see card-errors. */
  reason?: CardErrorReason;
  /** What keeps the new-card form from being sent (kind "card"). */
  formProblem?: CardFormProblem;
  /** What the API said (problem detail), for the kinds without a message of our own. */
  detail?: string;
  /** The error as thrown, for describeProblem. */
  cause?: unknown;
}

export interface PayFlowSnapshot {
  /** idle: waiting for the payer; busy: an action runs; processing: charged or authenticated, the
   * server is settling it; succeeded: paid (and receipted). */
  status: "idle" | "busy" | "processing" | "succeeded";
  stage: PayStage | null;
  /** The new-card form: not asked for, being loaded, ready to type in, or not loadable. */
  cardForm: "closed" | "loading" | "ready" | "failed";
  error: PayError | null;
  /** An attempt whose outcome is unknown is kept: `retry()` sends it again with the same key. */
  canRetry: boolean;
  result: CardPayment | null;
}

export interface PayFlowDeps {
  /** Starts a SetupIntent (portal: POST /portal/payment-methods/setup; link: POST /pay/{token}/setup). */
  startSetup: () => Promise<CardSetup>;
  /** Charges the card: POST …/payments with the Idempotency-Key; `saveCard` is set for a card just
   * entered (portal: whether the payer asked to keep it), undefined for a saved card. */
  pay: (paymentMethodId: string, idempotencyKey: string, saveCard?: boolean) => Promise<CardPayment>;
  loadStripe: StripeLoader;
  /** A fresh Idempotency-Key (a UUID). */
  newKey?: () => string;
  /** After a new card was used (refresh the saved cards: it may have been kept). */
  onCardSaved?: () => void;
  /** After anything that may have moved money (refresh invoices, balance, payments). */
  onMoneyMoved?: () => void;
}

interface Attempt {
  paymentMethodId: string;
  key: string;
  /** For a card just entered: whether to keep it; undefined for a saved card. */
  saveCard: boolean | undefined;
}

/** Failures after which the same attempt (same key) should be tried again rather than a new one. */
export function keepsAttempt(error: unknown): boolean {
  if (isNetworkError(error)) return true;
  if (!(error instanceof ApiError)) return false;
  if (error.status >= 500) return error.status !== 503 || problemSlug(error) !== "online-payments-not-configured";
  const slug = problemSlug(error);
  return error.status === 409 && (slug === "payment-in-progress" || slug === "request-in-progress");
}

/** Sorts whatever a step threw into what the payer is told. */
export function classifyPayError(error: unknown): PayError {
  if (error instanceof StripeLoadError) return { kind: "form-unavailable", cause: error };
  if (isNetworkError(error)) return { kind: "network", cause: error };
  if (!(error instanceof ApiError)) return { kind: "other", cause: error };
  const slug = problemSlug(error);
  const detail = error.problem.detail ?? undefined;
  const code = error.problem.code ?? undefined;
  const reason = code === undefined ? undefined : cardErrorReason(code, error.problem.decline_code);
  const base = { cause: error, ...(detail === undefined ? {} : { detail }), ...(reason === undefined ? {} : { reason }) };
  switch (slug) {
    case "card-declined":
    case "payment-failed":
      return { kind: "declined", ...base };
    case "feature-not-enabled":
      return { kind: "not-enabled", ...base };
    case "online-payments-not-configured":
      return { kind: "not-configured", ...base };
    case "invoice-not-payable":
      return { kind: "not-payable", ...base };
    case "payment-in-progress":
    case "request-in-progress":
      return { kind: "in-progress", ...base };
    case "payment-outcome-unknown":
      return { kind: "outcome-unknown", ...base };
    case "payment-link-expired":
      return { kind: "expired", ...base };
    default:
      break;
  }
  if (error.status === 402) return { kind: "declined", ...base };
  if (error.status === 404) return { kind: "not-found", ...base };
  if (error.status === 410) return { kind: "expired", ...base };
  if (error.status === 422) return { kind: "invalid-card", ...base };
  if (error.status >= 500) return { kind: "gateway", ...base };
  return { kind: "other", ...base };
}

/**
 * What Stripe.js said, by its codes only (its message is English, or a stand-in's stack trace); a
 * refused card (Stripe's `card_declined`) is a decline like the API's.
 */
export function stripeError(error: StripeError | null | undefined, kind: PayErrorKind): PayError {
  const declined = error?.code === "card_declined" || (error?.decline_code !== undefined && error.decline_code !== "");
  return { kind: declined ? "declined" : kind, reason: processorErrorReason(error, kind === "authentication" ? "authentication" : "unknown") };
}

/** Errors about the card the payer gave (as typed, or as chosen): see {@link PayFlow.cardChanged}. */
const ABOUT_THE_CARD: ReadonlySet<PayErrorKind> = new Set<PayErrorKind>(["card", "declined", "invalid-card", "authentication"]);

const INITIAL: PayFlowSnapshot = { status: "idle", stage: null, cardForm: "closed", error: null, canRetry: false, result: null };

export class PayFlow {
  private snapshot: PayFlowSnapshot = INITIAL;
  private readonly listeners = new Set<() => void>();
  private readonly deps: PayFlowDeps;
  private stripe: StripeJs | null = null;
  private card: StripeCardElement | null = null;
  /** A SetupIntent not yet confirmed; each confirmation (successful or not) uses one up. */
  private setup: CardSetup | null = null;
  private attempt: Attempt | null = null;
  /** What the card Element last reported: nothing is sent while it is empty or incomplete. */
  private cardState: CardFieldState = EMPTY_CARD;
  private running = false;
  /** Set while the screen is gone (React unmounted it): nothing is mounted or reported. */
  private detached = false;

  constructor(deps: PayFlowDeps) {
    this.deps = deps;
  }

  getSnapshot = (): PayFlowSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private update(patch: Partial<PayFlowSnapshot>): void {
    if (this.detached) return;
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** Runs one action; ignored while another one runs. */
  private async exclusive(action: () => Promise<void>): Promise<void> {
    if (this.running || this.detached) return;
    this.running = true;
    try {
      await action();
    } finally {
      this.running = false;
    }
  }

  get busy(): boolean {
    return this.running;
  }

  /** Loads Stripe.js and mounts the card Element in `container` (the new-card form). */
  openCardForm(container: HTMLElement): Promise<void> {
    return this.exclusive(async () => {
      if (this.card !== null) return;
      this.update({ cardForm: "loading", status: "busy", stage: "loading-form", error: null });
      try {
        const setup = await this.deps.startSetup();
        const stripe = await this.deps.loadStripe(setup.stripe_js_url, setup.publishable_key);
        if (this.detached) return;
        this.stripe = stripe;
        this.setup = setup;
        const card = stripe.elements().create("card");
        this.cardState = EMPTY_CARD;
        card.on("change", (event) => {
          this.cardState = cardFieldState(event, container);
          this.cardChanged();
        });
        card.mount(container);
        this.card = card;
        this.update({ cardForm: "ready", status: "idle", stage: null });
      } catch (error) {
        this.update({ cardForm: "failed", status: "idle", stage: null, error: classifyPayError(error) });
      }
    });
  }

  /**
   * The payer changed the card (typed into the form, or chose another one): an error about the
   * card given before (the form's problem, a decline, a failed bank check) no longer describes
   * what is on screen, and goes. An attempt whose outcome is unknown keeps its error and its
   * "Try again", which resends that attempt whatever is chosen now.
   */
  cardChanged(): void {
    const { error, canRetry } = this.snapshot;
    if (error !== null && !canRetry && ABOUT_THE_CARD.has(error.kind)) this.update({ error: null });
  }

  /** Pays with a card the tenant saved before. */
  payWithSavedCard(cardId: string): Promise<void> {
    return this.exclusive(async () => {
      this.update({ status: "busy", error: null, canRetry: false });
      await this.charge(cardId);
    });
  }

  /** The new-card form's problem, if it cannot be sent as it is (shown, and nothing is sent). */
  checkCardForm(): CardFormProblem | null {
    const problem = validateCardForm({ card: this.cardState });
    if (problem !== null) this.update({ error: { kind: "card", formProblem: problem }, canRetry: false });
    return problem;
  }

  /**
   * Checks the form, sets the card typed into it up and pays with it. `saveCard`: the payer
   * asked to keep it for next time (portal); a payment link never keeps one.
   */
  payWithNewCard(saveCard?: boolean): Promise<void> {
    return this.exclusive(async () => {
      const { card } = this;
      if (card === null || this.stripe === null) return;
      if (this.checkCardForm() !== null) return;
      this.update({ status: "busy", stage: "confirming-card", error: null, canRetry: false });
      let cardId: string;
      try {
        const setup = this.setup ?? (await this.deps.startSetup());
        this.setup = null; // used up, whatever Stripe answers
        const confirmed = await this.stripe.confirmCardSetup(setup.client_secret, { payment_method: { card } });
        const id = confirmed.error ? undefined : paymentMethodId(confirmed);
        if (id === undefined) {
          this.update({ status: "idle", stage: null, error: stripeError(confirmed.error, "card") });
          return;
        }
        cardId = id;
      } catch (error) {
        this.update({ status: "idle", stage: null, error: classifyPayError(error) });
        return;
      }
      this.attempt = { paymentMethodId: cardId, key: (this.deps.newKey ?? newIdempotencyKey)(), saveCard: saveCard ?? false };
      await this.charge(cardId);
      this.deps.onCardSaved?.();
    });
  }

  /** Sends the interrupted attempt again: the same card and the same Idempotency-Key. */
  retry(): Promise<void> {
    return this.exclusive(async () => {
      const cardId = this.attempt?.paymentMethodId;
      if (cardId === undefined || !this.snapshot.canRetry) return;
      this.update({ status: "busy", error: null, canRetry: false });
      await this.charge(cardId);
    });
  }

  /** The screen is shown (again): see {@link detach}. */
  attach(): void {
    this.detached = false;
  }

  /** The screen goes away: unmounts the card Element; a running step finishes unseen. */
  detach(): void {
    this.card?.destroy();
    this.card = null;
    this.setup = null;
    this.snapshot = { ...this.snapshot, cardForm: "closed" };
    this.detached = true;
  }

  private async charge(cardId: string): Promise<void> {
    if (this.attempt?.paymentMethodId !== cardId) {
      this.attempt = { paymentMethodId: cardId, key: (this.deps.newKey ?? newIdempotencyKey)(), saveCard: undefined };
    }
    const { key, saveCard } = this.attempt;
    this.update({ stage: "charging" });
    let payment: CardPayment;
    try {
      payment = await this.deps.pay(cardId, key, saveCard);
    } catch (error) {
      const keep = keepsAttempt(error);
      if (!keep) this.attempt = null;
      this.deps.onMoneyMoved?.();
      this.update({ status: "idle", stage: null, error: classifyPayError(error), canRetry: keep });
      return;
    }
    this.attempt = null;
    if (payment.status === "succeeded") {
      this.finish("succeeded", payment);
    } else if (payment.status === "requires_action" && payment.client_secret !== null) {
      await this.authenticate(payment, payment.client_secret);
    } else {
      this.finish("processing", payment);
    }
  }

  /** 3-D Secure: Stripe.js shows the bank's check; the server then settles the payment. */
  private async authenticate(payment: CardPayment, clientSecret: string): Promise<void> {
    this.update({ stage: "authenticating" });
    try {
      if (this.stripe === null) {
        // A saved card: Stripe.js is not loaded yet. A set-up tells where from, and with which key.
        const setup = await this.deps.startSetup();
        this.stripe = await this.deps.loadStripe(setup.stripe_js_url, setup.publishable_key);
      }
      const result = await this.stripe.confirmCardPayment(clientSecret);
      if (result.error) {
        this.deps.onMoneyMoved?.();
        this.update({ status: "idle", stage: null, error: stripeError(result.error, "authentication"), result: payment });
        return;
      }
    } catch (error) {
      this.deps.onMoneyMoved?.();
      this.update({ status: "idle", stage: null, error: classifyPayError(error), result: payment });
      return;
    }
    this.finish(payment.status === "succeeded" ? "succeeded" : "processing", payment);
  }

  private finish(status: "succeeded" | "processing", payment: CardPayment): void {
    this.card?.destroy();
    this.card = null;
    this.deps.onMoneyMoved?.();
    this.update({ status, stage: null, result: payment, error: null, canRetry: false, cardForm: "closed" });
  }
}
