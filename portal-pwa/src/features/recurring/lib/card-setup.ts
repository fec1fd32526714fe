import { loadStripeJs, paymentMethodId, type StripeCardElement, type StripeJs, type StripeLoader } from "@/lib/stripe/stripe-js";
import { startCardSetup, type CardSetup } from "@/lib/api/card-setup";

/**
 * Saving a card for off-session charges, the way the portal saves one to pay an invoice: the API
 * starts a SetupIntent, Stripe.js (from the URL the API gives) mounts its card Element, and
 * `confirmCardSetup` saves the card at the gateway. The resulting payment method id is what the
 * recurring set-up (or a card change) sends; the API keeps the card itself.
 */
export class CardSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CardSetupError";
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
  card.mount(container);
  return {
    confirm: async () => {
      const result = await stripe.confirmCardSetup(setup.client_secret, { payment_method: { card } });
      const id = result.error ? undefined : paymentMethodId(result);
      if (id === undefined) throw new CardSetupError(result.error?.message ?? "The card could not be saved.");
      return id;
    },
    close: () => {
      card.destroy();
    },
  };
}
