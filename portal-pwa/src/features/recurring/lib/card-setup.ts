import { loadStripeJs, paymentMethodId, type StripeCardElement, type StripeJs, type StripeLoader } from "@/lib/stripe/stripe-js";
import { startCardSetup, type CardSetup } from "@/lib/api/card-setup";
import { processorErrorReason, type CardErrorReason } from "@/lib/cards/card-errors";
import { cardFieldState, EMPTY_CARD, validateCardForm, type CardFieldState, type CardFormProblem } from "@/lib/cards/card-form";

/**
 * Saving a card for off-session charges, the way the portal saves one to pay an invoice: the API
 * starts a SetupIntent, Stripe.js (from the URL the API gives) mounts its card Element, and
 * `confirmCardSetup` saves the card at the gateway. The resulting payment method id is what the
 * recurring set-up (or a card change) sends; the API keeps the card itself.
 */
export class CardSetupError extends Error {
  /** What keeps the form from being sent (nothing was sent), or why the processor refused. */
  readonly problem: { formProblem: CardFormProblem } | { reason: CardErrorReason };

  constructor(problem: { formProblem: CardFormProblem } | { reason: CardErrorReason }) {
    super("formProblem" in problem ? problem.formProblem : problem.reason);
    this.name = "CardSetupError";
    this.problem = problem;
  }
}

export interface OpenCardForm {
  confirm: () => Promise<string>;
  close: () => void;
}

export async function openCardForm(
  container: HTMLElement,
  { start = startCardSetup, loadStripe = loadStripeJs }: { start?: () => Promise<CardSetup>; loadStripe?: StripeLoader } = {},
): Promise<OpenCardForm> {
  const setup = await start();
  const stripe: StripeJs = await loadStripe(setup.stripe_js_url, setup.publishable_key);
  const card: StripeCardElement = stripe.elements().create("card");
  let state: CardFieldState = EMPTY_CARD;
  card.on("change", (event) => {
    state = cardFieldState(event, container);
  });
  card.mount(container);
  return {
    confirm: async () => {
      // Checked before anything is sent: an empty form is not the processor's to refuse.
      const formProblem = validateCardForm({ card: state });
      if (formProblem !== null) throw new CardSetupError({ formProblem });
      const result = await stripe.confirmCardSetup(setup.client_secret, { payment_method: { card } });
      const id = result.error ? undefined : paymentMethodId(result);
      if (id === undefined) throw new CardSetupError({ reason: processorErrorReason(result.error) });
      return id;
    },
    close: () => {
      card.destroy();
    },
  };
}
