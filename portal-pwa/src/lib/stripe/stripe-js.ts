/**
 * Stripe.js, loaded from the URL the API gives (`stripe_js_url` of a card set-up): the real
 * https://js.stripe.com/v3/ in production, localstripe's stand-in (`<base>/js.stripe.com/v3/`)
 * locally and in the end-to-end tests. It is a classic script that defines `window.Stripe`, so it
 * is added once as a <script> tag (the stand-in finds its own server from the tag's `src`); no npm
 * package is needed, and none accepts a custom URL.
 *
 * Only the calls the portal uses are typed here: saving a card with the `card` Element and
 * `confirmCardSetup`, and `confirmCardPayment` for 3-D Secure. Both the real Stripe.js and the
 * stand-in offer them (see shared/DEPENDENCIES.md "Payments").
 */

export interface StripeError {
  message?: string;
  code?: string;
  decline_code?: string;
  type?: string;
}

export interface StripeCardElement {
  mount: (target: HTMLElement | string) => void;
  unmount: () => void;
  destroy: () => void;
  on: (event: "change" | "ready" | "focus" | "blur", handler: (event?: unknown) => void) => void;
}

export interface StripeElements {
  create: (type: "card", options?: Record<string, unknown>) => StripeCardElement;
}

export interface SetupIntentResult {
  error?: StripeError | null;
  setupIntent?: { id?: string; status?: string; payment_method?: string | { id: string } | null };
}

export interface PaymentIntentResult {
  error?: StripeError | null;
  paymentIntent?: { id?: string; status?: string };
}

export interface StripeJs {
  elements: (options?: Record<string, unknown>) => StripeElements;
  confirmCardSetup: (clientSecret: string, data: { payment_method: { card: StripeCardElement } }) => Promise<SetupIntentResult>;
  confirmCardPayment: (clientSecret: string) => Promise<PaymentIntentResult>;
}

export type StripeConstructor = (publishableKey: string, options?: Record<string, unknown>) => StripeJs;

/** Loads Stripe.js and makes a Stripe object; what the pay flow is given (tests pass a fake). */
export type StripeLoader = (scriptUrl: string, publishableKey: string) => Promise<StripeJs>;

declare global {
  interface Window {
    Stripe?: StripeConstructor;
  }
}

export class StripeLoadError extends Error {
  constructor(url: string) {
    super(`Stripe.js could not be loaded from ${url}`);
    this.name = "StripeLoadError";
  }
}

// One script per URL for the page's lifetime; a failed load may be tried again.
const scripts = new Map<string, Promise<StripeConstructor>>();
// One Stripe object per (URL, key): Stripe.js wants a single instance per key.
const instances = new Map<string, StripeJs>();

function injectScript(url: string): Promise<StripeConstructor> {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.async = true;
    script.dataset.stripeJs = "";
    script.addEventListener("load", () => {
      if (typeof window.Stripe === "function") resolve(window.Stripe);
      else reject(new StripeLoadError(url));
    });
    script.addEventListener("error", () => {
      script.remove();
      reject(new StripeLoadError(url));
    });
    document.head.appendChild(script);
  });
}

/** The default {@link StripeLoader}: adds the script tag the first time only. */
export const loadStripeJs: StripeLoader = async (scriptUrl, publishableKey) => {
  const cacheKey = `${scriptUrl} ${publishableKey}`;
  const existing = instances.get(cacheKey);
  if (existing !== undefined) return existing;
  let loading = scripts.get(scriptUrl);
  if (loading === undefined) {
    loading = injectScript(scriptUrl);
    scripts.set(scriptUrl, loading);
    loading.catch(() => scripts.delete(scriptUrl));
  }
  const Stripe = await loading;
  const stripe = Stripe(publishableKey);
  instances.set(cacheKey, stripe);
  return stripe;
};

/** `setupIntent.payment_method` is an id, or an expanded object with one. */
export function paymentMethodId(result: SetupIntentResult): string | undefined {
  const method = result.setupIntent?.payment_method;
  if (typeof method === "string") return method;
  return method?.id;
}
