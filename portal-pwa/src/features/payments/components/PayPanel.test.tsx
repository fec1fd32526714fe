import { onlineManager } from "@tanstack/react-query";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { session } from "@/lib/api/client";
import { cardPayment, cardSetup, fakeStripe, invoice, paidInvoice, savedCard } from "@/testing/payment-fixtures";
import { PayPanel } from "./PayPanel";

const INVOICE = invoice();
const PAY = `POST /api/v1/portal/invoices/${INVOICE.id}/payments`;

function problem(status: number, slug: string, detail = "") {
  return jsonResponse({ type: `urn:doorstep:problem:${slug}`, title: slug, status, detail, errors: [] }, status);
}

beforeEach(() => {
  session.signIn({ access_token: "t1", expires_in: 900 });
});
afterEach(() => {
  onlineManager.setOnline(true);
});

describe("PayPanel", () => {
  it("says what is paid, for which home, and pays with a saved card", async () => {
    const fetch = stubApi({
      "GET /api/v1/portal/payment-methods": () => jsonResponse({ items: [savedCard()], next_cursor: null }),
      [PAY]: () => jsonResponse(cardPayment(), 201),
      [`GET /api/v1/portal/invoices/${INVOICE.id}`]: () => jsonResponse(paidInvoice()),
    });
    const stripe = fakeStripe();
    const user = userEvent.setup();
    renderWithProviders(<PayPanel invoice={INVOICE} locale="en-BE" loadStripe={stripe.load} />);

    const panel = await screen.findByRole("region", { name: "Pay now" });
    const saved = await within(panel).findByRole("radio", { name: "Visa ending in 4242, expires 12/2030" });
    expect(panel).toHaveTextContent("You are paying €950.00 for Invoice 42 (Residence Louise, Flat 1A).");
    expect(saved).toBeChecked();
    // No card form (and no Stripe.js) for a saved card.
    expect(stripe.load).not.toHaveBeenCalled();

    await user.click(within(panel).getByRole("button", { name: "Pay €950.00" }));

    const done = (await within(panel).findByText("Payment received")).closest("[role=status]");
    expect(done).toHaveTextContent("Thank you: €950.00 has been paid.");
    expect(done).toHaveTextContent("Receipt number 17");
    expect(within(panel).getByRole("button", { name: "Download receipt 17" })).toBeEnabled();
    const pay = fetch.mock.calls.map(([request]) => request).find((request) => request.method === "POST");
    expect(pay?.headers.get("Idempotency-Key")).toMatch(/^[0-9a-f-]{36}$/u);
    expect(pay?.headers.get("Authorization")).toBe("Bearer t1");
  });

  it("warns before a manual payment of an invoice the recurring payment will take", async () => {
    stubApi({
      "GET /api/v1/portal/payment-methods": () => jsonResponse({ items: [savedCard()], next_cursor: null }),
    });
    const scheduled = invoice({
      scheduled_charge: { charge_on: "2026-12-01", amount: 95000, currency: "EUR", status: "reminded", method: "card", last4: "4242" },
    });
    renderWithProviders(<PayPanel invoice={scheduled} locale="en-BE" loadStripe={fakeStripe().load} />);
    const panel = await screen.findByRole("region", { name: "Pay now" });
    expect(await within(panel).findByRole("status")).toHaveTextContent(
      "This invoice is scheduled to be paid automatically on 1 December 2026. If you pay it now, the recurring payment skips it",
    );
    // Paying by hand stays possible: the charge then skips the invoice (seed 003).
    expect(await within(panel).findByRole("button", { name: "Pay €950.00" })).toBeEnabled();
  });

  it("offers no second payment while the recurring payment is taking the invoice", async () => {
    stubApi({
      "GET /api/v1/portal/payment-methods": () => jsonResponse({ items: [savedCard()], next_cursor: null }),
    });
    const charging = invoice({
      scheduled_charge: { charge_on: "2026-12-01", amount: 95000, currency: "EUR", status: "charging", method: "card", last4: "4242" },
    });
    renderWithProviders(<PayPanel invoice={charging} locale="en-BE" loadStripe={fakeStripe().load} />);
    const panel = await screen.findByRole("region", { name: "Pay now" });
    expect(await within(panel).findByRole("status")).toHaveTextContent("Your recurring payment is taking this invoice now");
    expect(within(panel).queryByRole("button", { name: /Pay/u })).not.toBeInTheDocument();
  });

  it("disables the pay button while paying, then shows a decline and keeps the invoice payable", async () => {
    let answer: (response: Response) => void = () => undefined;
    stubApi({
      "GET /api/v1/portal/payment-methods": () => jsonResponse({ items: [savedCard()], next_cursor: null }),
      [PAY]: () => new Promise<Response>((resolve) => (answer = resolve)),
    });
    const user = userEvent.setup();
    renderWithProviders(<PayPanel invoice={INVOICE} locale="en-BE" loadStripe={fakeStripe().load} />);
    const panel = await screen.findByRole("region", { name: "Pay now" });
    await within(panel).findByRole("radio", { name: /Visa/u });

    await user.click(within(panel).getByRole("button", { name: "Pay €950.00" }));
    const busy = await within(panel).findByRole("button", { name: "Paying…" });
    expect(busy).toBeDisabled();
    answer(problem(402, "card-declined", "Your card was declined. You have not been charged."));

    expect(await within(panel).findByRole("alert")).toHaveTextContent(
      "Your card was declined. You have not been charged. Try another card, or ask your bank why it refused the payment.",
    );
    expect(within(panel).getByRole("button", { name: "Pay €950.00" })).toBeEnabled();
    expect(within(panel).queryByRole("button", { name: "Try again" })).not.toBeInTheDocument();
  });

  it("offers to try the same attempt again when the answer was lost", async () => {
    stubApi({
      "GET /api/v1/portal/payment-methods": () => jsonResponse({ items: [savedCard()], next_cursor: null }),
      [PAY]: () => Promise.reject(new TypeError("Failed to fetch")),
    });
    const user = userEvent.setup();
    renderWithProviders(<PayPanel invoice={INVOICE} locale="en-BE" loadStripe={fakeStripe().load} />);
    const panel = await screen.findByRole("region", { name: "Pay now" });
    await within(panel).findByRole("radio", { name: /Visa/u });

    await user.click(within(panel).getByRole("button", { name: "Pay €950.00" }));

    const alert = await within(panel).findByRole("alert");
    expect(alert).toHaveTextContent("we do not know whether your payment went through");
    expect(alert).toHaveTextContent("Trying again never charges you twice.");
    expect(within(panel).getByRole("button", { name: "Try again" })).toBeEnabled();
    expect(within(panel).queryByRole("button", { name: "Pay €950.00" })).not.toBeInTheDocument();
  });

  it("mounts the card form when the tenant has no saved card", async () => {
    stubApi({
      "GET /api/v1/portal/payment-methods": () => jsonResponse({ items: [], next_cursor: null }),
      "POST /api/v1/portal/payment-methods/setup": () => jsonResponse(cardSetup()),
    });
    const stripe = fakeStripe();
    renderWithProviders(<PayPanel invoice={INVOICE} locale="en-BE" loadStripe={stripe.load} />);
    const panel = await screen.findByRole("region", { name: "Pay now" });

    expect(await within(panel).findByPlaceholderText("number")).toBeInTheDocument();
    expect(within(panel).getByRole("group", { name: "Card details" })).toBeInTheDocument();
    expect(within(panel).queryByRole("radio")).not.toBeInTheDocument();
    expect(within(panel).getByRole("button", { name: "Pay €950.00" })).toBeEnabled();
  });

  it("keeps the card form when the tenant switches to a saved card and back", async () => {
    stubApi({
      "GET /api/v1/portal/payment-methods": () => jsonResponse({ items: [savedCard()], next_cursor: null }),
      "POST /api/v1/portal/payment-methods/setup": () => jsonResponse(cardSetup()),
    });
    const stripe = fakeStripe();
    const user = userEvent.setup();
    renderWithProviders(<PayPanel invoice={INVOICE} locale="en-BE" loadStripe={stripe.load} />);
    const panel = await screen.findByRole("region", { name: "Pay now" });

    await user.click(await within(panel).findByRole("radio", { name: "A new card" }));
    await user.type(await within(panel).findByPlaceholderText("number"), "4242");
    await user.click(within(panel).getByRole("radio", { name: /^Visa/u }));
    expect(within(panel).queryByRole("group", { name: "Card details" })).not.toBeInTheDocument(); // hidden
    await user.click(within(panel).getByRole("radio", { name: "A new card" }));

    expect(within(panel).getByPlaceholderText("number")).toHaveValue("4242");
    expect(stripe.load).toHaveBeenCalledOnce();
    expect(stripe.card.mount).toHaveBeenCalledOnce();
  });

  it("asks before keeping a new card: unticked, it is not kept; ticked, the choice goes with the payment", async () => {
    const bodies: unknown[] = [];
    stubApi({
      "GET /api/v1/portal/payment-methods": () => jsonResponse({ items: [], next_cursor: null }),
      "POST /api/v1/portal/payment-methods/setup": () => jsonResponse(cardSetup()),
      [PAY]: async (request) => {
        bodies.push(await request.json());
        return problem(402, "card-declined", "Bad request");
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<PayPanel invoice={INVOICE} locale="en-BE" loadStripe={fakeStripe().load} />);
    const panel = await screen.findByRole("region", { name: "Pay now" });
    const keep = await within(panel).findByRole("checkbox", { name: "Save this card for next time" });
    expect(keep).not.toBeChecked();

    await user.click(within(panel).getByRole("button", { name: "Pay €950.00" }));
    await within(panel).findByRole("alert");
    await user.click(keep);
    await user.click(within(panel).getByRole("button", { name: "Pay €950.00" }));

    await vi.waitFor(() => {
      expect(bodies).toEqual([
        { payment_method_id: "pm_new_card", save_card: false },
        { payment_method_id: "pm_new_card", save_card: true },
      ]);
    });
    // The processor's own words ("Bad request") are never shown.
    expect(within(panel).getByRole("alert")).not.toHaveTextContent("Bad request");
  });

  it("refuses an empty card form before sending anything, and says what to fill in", async () => {
    const fetch = stubApi({
      "GET /api/v1/portal/payment-methods": () => jsonResponse({ items: [], next_cursor: null }),
      "POST /api/v1/portal/payment-methods/setup": () => jsonResponse(cardSetup()),
    });
    const stripe = fakeStripe({ typed: "nothing" });
    const user = userEvent.setup();
    renderWithProviders(<PayPanel invoice={INVOICE} locale="en-BE" loadStripe={stripe.load} />);
    const panel = await screen.findByRole("region", { name: "Pay now" });
    await within(panel).findByPlaceholderText("number");

    await user.click(within(panel).getByRole("button", { name: "Pay €950.00" }));

    expect(await within(panel).findByRole("alert")).toHaveTextContent("Enter your card number, expiry date and security code (CVC) first.");
    expect(within(panel).getByRole("group", { name: "Card details" })).toHaveAttribute("aria-invalid", "true");
    expect(stripe.stripe.confirmCardSetup).not.toHaveBeenCalled();
    expect(fetch.mock.calls.some(([request]) => request.method === "POST" && new URL(request.url).pathname.endsWith("/payments"))).toBe(false);
  });

  it("says card payments are in progress when the agency has not switched them on", async () => {
    stubApi({
      "GET /api/v1/portal/payment-methods": () =>
        problem(409, "feature-not-enabled", "Paying by card online is not enabled for your agency yet (in progress)."),
    });
    renderWithProviders(<PayPanel invoice={INVOICE} locale="en-BE" loadStripe={fakeStripe().load} />);

    expect(await screen.findByText("Card payments: in progress")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Pay / })).not.toBeInTheDocument();
  });

  it("says paying needs a connection when offline", () => {
    onlineManager.setOnline(false);
    stubApi({});
    renderWithProviders(<PayPanel invoice={INVOICE} locale="en-BE" loadStripe={fakeStripe().load} />);

    expect(screen.getByRole("status")).toHaveTextContent("You are offline. Paying needs an internet connection");
    expect(screen.queryByRole("button", { name: /^Pay / })).not.toBeInTheDocument();
  });

  it("shows nothing for a paid invoice", () => {
    stubApi({});
    const { container } = renderWithProviders(<PayPanel invoice={paidInvoice()} locale="en-BE" loadStripe={fakeStripe().load} />);
    expect(container).toBeEmptyDOMElement();
  });
});
