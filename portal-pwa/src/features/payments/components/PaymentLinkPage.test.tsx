import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { session } from "@/lib/api/client";
import { cardPayment, cardSetup, fakeStripe, paymentLink } from "@/testing/payment-fixtures";
import { PaymentLinkPage } from "./PaymentLinkPage";

const TOKEN = "tok_0123456789abcdefghij";
const LINK = `/api/v1/pay/${TOKEN}`;

function problem(status: number, slug: string) {
  return jsonResponse({ type: `urn:doorstep:problem:${slug}`, title: slug, status, detail: "", errors: [] }, status);
}

beforeEach(async () => {
  await session.logout(); // nobody is signed in
});

describe("PaymentLinkPage", () => {
  it("shows what is asked and pays with a new card, without a session", async () => {
    let paid = false;
    const fetch = stubApi({
      [`GET ${LINK}`]: () => jsonResponse(paid ? paymentLink({ state: "paid", payable: false, amount_due: 0 }) : paymentLink()),
      [`POST ${LINK}/setup`]: () => jsonResponse(cardSetup()),
      [`POST ${LINK}/payments`]: async (request) => {
        expect(await request.json()).toEqual({ payment_method_id: "pm_new_card" });
        paid = true;
        return jsonResponse(cardPayment(), 201);
      },
    });
    const stripe = fakeStripe();
    const user = userEvent.setup();
    renderWithProviders(<PaymentLinkPage token={TOKEN} locale="en-GB" loadStripe={stripe.load} />);

    const asked = await screen.findByRole("region", { name: "Requested by Demo Lettings" });
    expect(asked).toHaveTextContent("Invoice 42");
    expect(asked).toHaveTextContent("€950.00");
    expect(asked).toHaveTextContent("1 December 2026");
    // The home, its address and the period: a careful payer recognises the request.
    expect(asked).toHaveTextContent("Residence Louise, 1A");
    expect(asked).toHaveTextContent("Avenue Louise 120, 1050 Brussels");
    expect(asked).toHaveTextContent(/1\s?–\s?31 December 2026/u); // the period as one range (en-GB spaces the dash)
    const pay = screen.getByRole("region", { name: "Pay now" });
    await within(pay).findByPlaceholderText("number");

    await user.click(within(pay).getByRole("button", { name: "Pay €950.00" }));

    const done = (await screen.findByText("Payment received")).closest("[role=status]");
    expect(done).toHaveTextContent("Thank you: €950.00 has been paid to Demo Lettings.");
    expect(done).toHaveTextContent("Your receipt number is 17.");
    const requests = fetch.mock.calls.map(([request]) => request);
    expect(requests.every((request) => !request.headers.has("Authorization"))).toBe(true);
    expect(requests.find((request) => request.method === "POST" && request.url.endsWith("/payments"))?.headers.get("Idempotency-Key")).toMatch(
      /^[0-9a-f-]{36}$/u,
    );
  });

  it.each([
    [404, "not-found", "Payment link not found"],
    [410, "payment-link-expired", "This link has expired"],
    [409, "feature-not-enabled", "Online payment: in progress"],
    [429, "too-many-requests", "Too many attempts"],
  ])("answers %i (%s) with a message, not a form", async (status, slug, title) => {
    stubApi({ [`GET ${LINK}`]: () => problem(status, slug) });
    renderWithProviders(<PaymentLinkPage token={TOKEN} locale="en-GB" loadStripe={fakeStripe().load} />);

    expect(await screen.findByRole("heading", { level: 2, name: title })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Pay / })).not.toBeInTheDocument();
  });

  it("says a paid invoice has nothing left to pay", async () => {
    stubApi({ [`GET ${LINK}`]: () => jsonResponse(paymentLink({ state: "paid", payable: false, amount_due: 0 })) });
    renderWithProviders(<PaymentLinkPage token={TOKEN} locale="en-GB" loadStripe={fakeStripe().load} />);

    expect(await screen.findByRole("region", { name: "Nothing to pay" })).toHaveTextContent("This invoice is paid. Thank you!");
    expect(screen.queryByRole("region", { name: "Pay now" })).not.toBeInTheDocument();
  });

  it("says the link needs a connection when it cannot be reached", async () => {
    stubApi({ [`GET ${LINK}`]: () => Promise.reject(new TypeError("Failed to fetch")) });
    renderWithProviders(<PaymentLinkPage token={TOKEN} locale="en-GB" loadStripe={fakeStripe().load} />);

    expect(await screen.findByRole("heading", { level: 2, name: "You are offline" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});
