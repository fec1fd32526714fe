import { beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "@doorstep/web-shared/lib/api/problem";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { session } from "@/lib/api/client";
import { cardPayment, cardSetup, fakeStripe, invoice } from "@/testing/payment-fixtures";
import { payMyInvoice, startCardSetup } from "../api/pay-my-invoice";
import { classifyPayError, keepsAttempt, PayFlow } from "./pay-flow";

const INVOICE = invoice();
const PAY = `POST /api/v1/portal/invoices/${INVOICE.id}/payments`;

const problem = (status: number, slug: string, detail = "") =>
  jsonResponse({ type: `urn:doorstep:problem:${slug}`, title: slug, status, detail, errors: [] }, status);

/** The portal's flow, on the real API client (fetch stubbed) and a fake Stripe.js. */
function portalFlow(stripe = fakeStripe(), keys: string[] = ["key-1", "key-2", "key-3"]) {
  const issued = [...keys];
  const flow = new PayFlow({
    startSetup: startCardSetup,
    pay: (paymentMethodId, key, saveCard) => payMyInvoice(INVOICE.id, paymentMethodId, key, saveCard),
    loadStripe: stripe.load,
    newKey: () => issued.shift() ?? "key-more",
  });
  return { flow, stripe };
}

/** The Idempotency-Key and card of every charge the API was asked for. */
function charges(fetch: ReturnType<typeof stubApi>) {
  return fetch.mock.calls
    .map(([request]) => request)
    .filter((request) => `${request.method} ${new URL(request.url).pathname}` === PAY)
    .map((request) => request.headers.get("Idempotency-Key"));
}

beforeEach(() => {
  session.signIn({ access_token: "t1", expires_in: 900 });
});

describe("PayFlow with a new card", () => {
  it("sets the card up with Stripe.js, then charges it with an Idempotency-Key, not keeping it unless asked", async () => {
    const fetch = stubApi({
      "POST /api/v1/portal/payment-methods/setup": () => jsonResponse(cardSetup()),
      [PAY]: async (request) => {
        expect(await request.json()).toEqual({ payment_method_id: "pm_new_card", save_card: false });
        return jsonResponse(cardPayment(), 201);
      },
    });
    const { flow, stripe } = portalFlow();
    const container = document.createElement("div");

    await flow.openCardForm(container);
    expect(stripe.load).toHaveBeenCalledWith("http://127.0.0.1:8420/js.stripe.com/v3/", "pk_test_doorstep");
    expect(stripe.card.mount).toHaveBeenCalledWith(container);
    expect(flow.getSnapshot().cardForm).toBe("ready");

    await flow.payWithNewCard();

    expect(stripe.stripe.confirmCardSetup).toHaveBeenCalledWith("seti_123_secret_abc", { payment_method: { card: stripe.card } });
    expect(charges(fetch)).toEqual(["key-1"]);
    // No separate "save this card" call: the choice goes with the payment.
    expect(fetch.mock.calls.map(([request]) => new URL(request.url).pathname)).not.toContain("/api/v1/portal/payment-methods");
    expect(flow.getSnapshot()).toMatchObject({ status: "succeeded", error: null, result: { receipt_number: 17 } });
    // The form is gone once paid.
    expect(stripe.card.destroy).toHaveBeenCalled();
  });

  it("shows a card Stripe refuses as a decline, saves and charges nothing, and takes a fresh set-up next time", async () => {
    let setups = 0;
    const fetch = stubApi({
      "POST /api/v1/portal/payment-methods/setup": () => {
        setups += 1;
        return jsonResponse(cardSetup({ client_secret: `seti_${setups}_secret_x` }));
      },
    });
    const { flow, stripe } = portalFlow();
    stripe.stripe.confirmCardSetup.mockResolvedValueOnce({ error: { type: "card_error", code: "card_declined", message: "Your card was declined." } });
    await flow.openCardForm(document.createElement("div"));

    await flow.payWithNewCard();

    expect(flow.getSnapshot()).toMatchObject({ status: "idle", canRetry: false, error: { kind: "declined" } });
    expect(fetch.mock.calls.map(([request]) => new URL(request.url).pathname)).toEqual(["/api/v1/portal/payment-methods/setup"]);

    await flow.payWithNewCard();
    expect(stripe.stripe.confirmCardSetup).toHaveBeenLastCalledWith("seti_2_secret_x", expect.anything());
  });

  it("says so when Stripe.js cannot be loaded, and can load it again", async () => {
    stubApi({ "POST /api/v1/portal/payment-methods/setup": () => jsonResponse(cardSetup()) });
    const { flow, stripe } = portalFlow();
    stripe.load.mockRejectedValueOnce(new (await import("@/lib/stripe/stripe-js")).StripeLoadError("x"));

    await flow.openCardForm(document.createElement("div"));
    expect(flow.getSnapshot()).toMatchObject({ cardForm: "failed", error: { kind: "form-unavailable" } });

    await flow.openCardForm(document.createElement("div"));
    expect(flow.getSnapshot()).toMatchObject({ cardForm: "ready", error: null });
  });

  it("asks the API to keep the card only when the payer ticked it", async () => {
    const bodies: unknown[] = [];
    stubApi({
      "POST /api/v1/portal/payment-methods/setup": () => jsonResponse(cardSetup()),
      [PAY]: async (request) => {
        bodies.push(await request.json());
        return jsonResponse(cardPayment(), 201);
      },
    });
    const { flow } = portalFlow();
    await flow.openCardForm(document.createElement("div"));

    await flow.payWithNewCard(true);

    expect(bodies).toEqual([{ payment_method_id: "pm_new_card", save_card: true }]);
  });

  it("refuses an empty or incomplete card form before anything is sent", async () => {
    const fetch = stubApi({ "POST /api/v1/portal/payment-methods/setup": () => jsonResponse(cardSetup()) });
    const { flow, stripe } = portalFlow(fakeStripe({ typed: "nothing" }));
    const { type } = stripe;
    await flow.openCardForm(document.createElement("div"));

    await flow.payWithNewCard(true);
    expect(flow.getSnapshot()).toMatchObject({ status: "idle", error: { kind: "card", formProblem: "card-empty" } });

    type({ empty: false, complete: false });
    await flow.payWithNewCard(true);
    expect(flow.getSnapshot().error).toMatchObject({ kind: "card", formProblem: "card-incomplete" });

    type({ empty: false, complete: false, error: { code: "invalid_number" } });
    await flow.payWithNewCard(true);
    expect(flow.getSnapshot().error).toMatchObject({ kind: "card", formProblem: "card-invalid" });

    expect(stripe.stripe.confirmCardSetup).not.toHaveBeenCalled();
    expect(fetch.mock.calls.map(([request]) => new URL(request.url).pathname)).toEqual(["/api/v1/portal/payment-methods/setup"]);

    // Fixed: the message goes away as the payer types.
    type({ empty: false, complete: true });
    expect(flow.getSnapshot().error).toBeNull();
  });

  it("drops the form's problem as soon as the payer changes what they typed, not only once it is complete", async () => {
    stubApi({ "POST /api/v1/portal/payment-methods/setup": () => jsonResponse(cardSetup()) });
    const { flow, stripe } = portalFlow(fakeStripe({ typed: "nothing" }));
    await flow.openCardForm(document.createElement("div"));

    await flow.payWithNewCard();
    expect(flow.getSnapshot().error).toMatchObject({ kind: "card", formProblem: "card-empty" });

    // "Enter your card details" no longer describes a form with a number in it.
    stripe.type({ empty: false, complete: false });
    expect(flow.getSnapshot().error).toBeNull();
  });

  it("drops a decline once the payer types another card or chooses another one", async () => {
    stubApi({ "POST /api/v1/portal/payment-methods/setup": () => jsonResponse(cardSetup()) });
    const { flow, stripe } = portalFlow();
    stripe.stripe.confirmCardSetup.mockResolvedValue({ error: { type: "card_error", code: "card_declined", message: "Your card was declined." } });
    await flow.openCardForm(document.createElement("div"));

    await flow.payWithNewCard();
    expect(flow.getSnapshot().error).toMatchObject({ kind: "declined" });
    stripe.type({ empty: false, complete: false });
    expect(flow.getSnapshot().error).toBeNull();

    stripe.type({ empty: false, complete: true });
    await flow.payWithNewCard();
    expect(flow.getSnapshot().error).toMatchObject({ kind: "declined" });
    flow.cardChanged(); // a saved card chosen instead
    expect(flow.getSnapshot().error).toBeNull();
  });

  it("keeps an unknown outcome and its Try again whatever the payer changes", async () => {
    stubApi({ [PAY]: () => problem(503, "payment-outcome-unknown") });
    const { flow } = portalFlow();

    await flow.payWithSavedCard("pm_saved_visa");
    flow.cardChanged();

    expect(flow.getSnapshot()).toMatchObject({ canRetry: true, error: { kind: "outcome-unknown" } });
  });

  it("puts a decline the API reports into its reason, from the problem's code", async () => {
    stubApi({
      "POST /api/v1/portal/payment-methods/setup": () => jsonResponse(cardSetup()),
      [PAY]: () =>
        jsonResponse(
          { type: "urn:doorstep:problem:card-declined", title: "Your card was declined", status: 402, detail: "Bad request", errors: [], code: "card_declined", decline_code: "insufficient_funds" },
          402,
        ),
    });
    const { flow } = portalFlow();
    await flow.openCardForm(document.createElement("div"));

    await flow.payWithNewCard(true);

    expect(flow.getSnapshot()).toMatchObject({ status: "idle", canRetry: false, error: { kind: "declined", reason: "insufficient-funds" } });
  });

  it("retries a new card's charge whose answer was lost with the same key and the same choice", async () => {
    let calls = 0;
    const bodies: unknown[] = [];
    const fetch = stubApi({
      "POST /api/v1/portal/payment-methods/setup": () => jsonResponse(cardSetup()),
      [PAY]: async (request) => {
        calls += 1;
        bodies.push(await request.json());
        if (calls === 1) throw new TypeError("Failed to fetch");
        return jsonResponse(cardPayment(), 201);
      },
    });
    const { flow, stripe } = portalFlow();
    await flow.openCardForm(document.createElement("div"));

    await flow.payWithNewCard(true);
    expect(flow.getSnapshot()).toMatchObject({ status: "idle", canRetry: true, error: { kind: "network" } });

    await flow.retry();
    expect(stripe.stripe.confirmCardSetup).toHaveBeenCalledTimes(1); // the card is not entered again
    expect(charges(fetch)).toEqual(["key-1", "key-1"]);
    expect(bodies).toEqual([
      { payment_method_id: "pm_new_card", save_card: true },
      { payment_method_id: "pm_new_card", save_card: true },
    ]);
    expect(flow.getSnapshot().status).toBe("succeeded");
  });
});

describe("PayFlow's Idempotency-Key", () => {
  it("is reused when the same attempt is retried after a network error: one charge, never two", async () => {
    let calls = 0;
    const fetch = stubApi({
      [PAY]: () => {
        calls += 1;
        // The first request reached the server and charged, but its answer never came back.
        if (calls === 1) throw new TypeError("Failed to fetch");
        return jsonResponse(cardPayment(), 201);
      },
    });
    const { flow } = portalFlow();

    await flow.payWithSavedCard("pm_saved_visa");
    expect(flow.getSnapshot()).toMatchObject({ status: "idle", canRetry: true, error: { kind: "network" } });

    await flow.retry();
    expect(charges(fetch)).toEqual(["key-1", "key-1"]);
    expect(flow.getSnapshot().status).toBe("succeeded");
  });

  it("is reused when the tenant presses Pay again with the same card after an unknown outcome", async () => {
    let calls = 0;
    const fetch = stubApi({
      [PAY]: () => {
        calls += 1;
        return calls === 1 ? problem(503, "payment-outcome-unknown") : jsonResponse(cardPayment(), 201);
      },
    });
    const { flow } = portalFlow();

    await flow.payWithSavedCard("pm_saved_visa");
    expect(flow.getSnapshot().error?.kind).toBe("outcome-unknown");
    await flow.payWithSavedCard("pm_saved_visa");

    expect(charges(fetch)).toEqual(["key-1", "key-1"]);
  });

  it("is new for the next attempt once a decline is final", async () => {
    let calls = 0;
    const fetch = stubApi({
      [PAY]: () => {
        calls += 1;
        return calls === 1
          ? problem(402, "card-declined", "Your card was declined. You have not been charged.")
          : jsonResponse(cardPayment(), 201);
      },
    });
    const { flow } = portalFlow();

    await flow.payWithSavedCard("pm_saved_visa");
    expect(flow.getSnapshot()).toMatchObject({ status: "idle", canRetry: false, error: { kind: "declined" } });
    await flow.retry(); // nothing to retry
    expect(charges(fetch)).toEqual(["key-1"]);

    await flow.payWithSavedCard("pm_saved_visa");
    expect(charges(fetch)).toEqual(["key-1", "key-2"]);
    expect(flow.getSnapshot().status).toBe("succeeded");
  });

  it("is new for another card", async () => {
    const fetch = stubApi({ [PAY]: () => Promise.reject(new TypeError("Failed to fetch")) });
    const { flow } = portalFlow();

    await flow.payWithSavedCard("pm_saved_visa");
    await flow.payWithSavedCard("pm_other_card");

    expect(charges(fetch)).toEqual(["key-1", "key-2"]);
  });
});

describe("PayFlow: one action at a time", () => {
  it("ignores a second Pay while the first is running (no double submit)", async () => {
    let answer: (response: Response) => void = () => undefined;
    const fetch = stubApi({ [PAY]: () => new Promise<Response>((resolve) => (answer = resolve)) });
    const { flow } = portalFlow();

    const first = flow.payWithSavedCard("pm_saved_visa");
    const second = flow.payWithSavedCard("pm_saved_visa");
    await second;
    expect(flow.getSnapshot()).toMatchObject({ status: "busy", stage: "charging" });
    await expect.poll(() => charges(fetch).length).toBe(1);
    answer(jsonResponse(cardPayment(), 201));
    await first;

    expect(charges(fetch)).toEqual(["key-1"]);
    expect(flow.getSnapshot().status).toBe("succeeded");
  });
});

describe("PayFlow and 3-D Secure", () => {
  it("asks Stripe.js to authenticate, then waits for the payment to settle", async () => {
    stubApi({
      "POST /api/v1/portal/payment-methods/setup": () => jsonResponse(cardSetup()),
      [PAY]: () => jsonResponse(cardPayment({ status: "requires_action", receipt_number: null, client_secret: "pi_1_secret_3ds" }), 201),
    });
    const { flow, stripe } = portalFlow();

    await flow.payWithSavedCard("pm_saved_visa");

    // A saved card: Stripe.js was not loaded yet; a set-up says where from and with which key.
    expect(stripe.load).toHaveBeenCalledWith("http://127.0.0.1:8420/js.stripe.com/v3/", "pk_test_doorstep");
    expect(stripe.stripe.confirmCardPayment).toHaveBeenCalledWith("pi_1_secret_3ds");
    expect(flow.getSnapshot()).toMatchObject({ status: "processing", error: null });
  });

  it("says the bank's check failed and that nothing was charged", async () => {
    stubApi({
      "POST /api/v1/portal/payment-methods/setup": () => jsonResponse(cardSetup()),
      [PAY]: () => jsonResponse(cardPayment({ status: "requires_action", receipt_number: null, client_secret: "pi_1_secret_3ds" }), 201),
    });
    const { flow, stripe } = portalFlow();
    stripe.stripe.confirmCardPayment.mockResolvedValueOnce({ error: { message: "Authentication failed." } });

    await flow.payWithSavedCard("pm_saved_visa");

    expect(flow.getSnapshot()).toMatchObject({ status: "idle", canRetry: false, error: { kind: "authentication", reason: "authentication" } });
    expect(flow.getSnapshot().error).not.toHaveProperty("stripeMessage");
  });
});

describe("keepsAttempt and classifyPayError", () => {
  const apiError = (status: number, slug: string) => new ApiError(status, { status, type: `urn:doorstep:problem:${slug}` });

  it.each([
    [new TypeError("Failed to fetch"), true],
    [apiError(503, "payment-outcome-unknown"), true],
    [apiError(503, "payment-gateway-unavailable"), true],
    [apiError(502, "payment-gateway-error"), true],
    [apiError(409, "payment-in-progress"), true],
    [apiError(409, "request-in-progress"), true],
    [apiError(503, "online-payments-not-configured"), false],
    [apiError(402, "card-declined"), false],
    [apiError(402, "payment-failed"), false],
    [apiError(409, "invoice-not-payable"), false],
    [apiError(409, "feature-not-enabled"), false],
    [apiError(422, "validation-error"), false],
  ])("%s keeps the attempt: %s", (error, expected) => {
    expect(keepsAttempt(error)).toBe(expected);
  });

  it("sorts the API's problems", () => {
    expect(classifyPayError(apiError(402, "payment-failed")).kind).toBe("declined");
    expect(classifyPayError(apiError(409, "feature-not-enabled")).kind).toBe("not-enabled");
    expect(classifyPayError(apiError(410, "payment-link-expired")).kind).toBe("expired");
    expect(classifyPayError(apiError(422, "validation-error")).kind).toBe("invalid-card");
    expect(classifyPayError(new Error("?")).kind).toBe("other");
  });

  it("reads the gateway's stable code into a reason", () => {
    const coded = (status: number, slug: string, code: string, declineCode?: string) =>
      new ApiError(status, { status, type: `urn:doorstep:problem:${slug}`, code, ...(declineCode === undefined ? {} : { decline_code: declineCode }) });
    expect(classifyPayError(coded(402, "card-declined", "expired_card"))).toMatchObject({ kind: "declined", reason: "expired" });
    expect(classifyPayError(coded(402, "card-declined", "card_declined", "insufficient_funds"))).toMatchObject({ reason: "insufficient-funds" });
    expect(classifyPayError(coded(503, "payment-gateway-unavailable", "rate_limited"))).toMatchObject({ kind: "gateway", reason: "rate-limited" });
    expect(classifyPayError(coded(502, "payment-gateway-error", "gateway_error"))).toMatchObject({ kind: "gateway", reason: "gateway" });
    expect(classifyPayError(apiError(402, "card-declined")).reason).toBeUndefined();
  });
});
