import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { session } from "@/lib/api/client";
import { lease } from "@/testing/fixtures";
import { cardSetup, fakeStripe } from "@/testing/payment-fixtures";
import type { RecurringSetup, ScheduledCharge } from "../api/recurring";
import { RecurringPayment } from "./RecurringPayment";

const LEASE_ID = lease().id;
const SETUP_ID = "7d1e0000-0000-4000-8000-000000000901";
const AUTHORISATION = { version: "2026-01", text: "I authorise Demo Lettings to charge my rent." };

function charge(overrides: Partial<ScheduledCharge> = {}): ScheduledCharge {
  return {
    id: "7d1e0000-0000-4000-8000-000000000a01",
    invoice_id: "7d1e0000-0000-4000-8000-000000000b01",
    invoice_number: 43,
    status: "reminded",
    due_date: "2027-01-01",
    charge_on: "2027-01-01",
    amount: { amount: 95000, currency: "EUR" },
    reminded_at: "2026-12-29T08:00:00Z",
    failure_kind: null,
    failure_reason: null,
    settled_at: null,
    ...overrides,
  };
}

function setup(overrides: Partial<RecurringSetup> = {}): RecurringSetup {
  return {
    id: SETUP_ID,
    lease_id: LEASE_ID,
    tenant_id: "5a7c0e2d-0000-4000-8000-000000000001",
    tenant_name: "Alice Martin",
    place: "Residence Louise, Flat 1A",
    method: "card",
    status: "active",
    payment_method_label: "Visa •••• 4242",
    agreed_amount: { amount: 95000, currency: "EUR" },
    authorisation_version: AUTHORISATION.version,
    authorised_at: "2026-12-06T09:00:00Z",
    started_on: "2026-12-06",
    covers_invoices_from: "2026-12-07",
    ended_at: null,
    end_reason: null,
    next_charge: charge(),
    last_result: null,
    needs_attention: false,
    charges: [charge()],
    ...overrides,
  };
}

beforeEach(() => {
  session.signIn({ access_token: "t1", expires_in: 900 });
});

describe("RecurringPayment", () => {
  it("saves a card through a SetupIntent and sets up with the accepted authorisation's version", async () => {
    let created = false;
    const fetch = stubApi({
      "GET /api/v1/portal/recurring-payments": () => jsonResponse({ items: created ? [setup()] : [], next_cursor: null }),
      "GET /api/v1/portal/recurring-payments/authorisation": () => jsonResponse(AUTHORISATION),
      "POST /api/v1/portal/payment-methods/setup": () => jsonResponse(cardSetup()),
      "POST /api/v1/portal/recurring-payments": () => {
        created = true;
        return jsonResponse(setup(), 201);
      },
      "GET /api/v1/portal/payment-reminders": () =>
        jsonResponse({
          items: [{ id: "r1", lease_id: LEASE_ID, invoice_id: charge().invoice_id, kind: "pre_charge", amount: { amount: 95000, currency: "EUR" }, amount_changed: false, sent_at: "2026-12-29T08:00:00Z" }],
          next_cursor: null,
        }),
    });
    const stripe = fakeStripe();
    const user = userEvent.setup();
    renderWithProviders(<RecurringPayment leaseId={LEASE_ID} locale="en-BE" loadStripe={stripe.load} />);

    const form = await screen.findByRole("form", { name: "Pay your rent automatically" });
    expect(form).toHaveTextContent("Invoices issued before that stay for you to pay by hand.");
    expect(await within(form).findByText(AUTHORISATION.text)).toBeInTheDocument();
    const submit = within(form).getByRole("button", { name: "Set up recurring payment" });
    await within(form).findByPlaceholderText("number");
    // Nothing is set up before the authorisation is accepted.
    expect(submit).toBeDisabled();
    await user.click(within(form).getByRole("checkbox", { name: "I have read and accept this authorisation." }));
    await user.click(submit);

    const upcoming = await screen.findByRole("region", { name: "Upcoming charges" });
    expect(upcoming).toHaveTextContent("€950.00 charged on 1 January 2027");
    expect(screen.getByRole("region", { name: "Reminders" })).toHaveTextContent("Charge announced — €950.00");
    expect(screen.getByRole("region", { name: "Recurring payment is on" })).toHaveTextContent("older ones stay for you to pay by hand");
    expect(stripe.stripe.confirmCardSetup).toHaveBeenCalledWith("seti_123_secret_abc", expect.anything());
    const post = fetch.mock.calls.map(([request]) => request).find((request) => request.method === "POST" && request.url.endsWith("/portal/recurring-payments"));
    expect(await post?.json()).toEqual({ lease_id: LEASE_ID, method: "card", payment_method_id: "pm_new_card", authorisation_version: "2026-01" });
  });

  it("refuses an empty card before sending it, and puts a refused card into words, never the processor's text", async () => {
    const fetch = stubApi({
      "GET /api/v1/portal/recurring-payments": () => jsonResponse({ items: [], next_cursor: null }),
      "GET /api/v1/portal/recurring-payments/authorisation": () => jsonResponse(AUTHORISATION),
      "POST /api/v1/portal/payment-methods/setup": () => jsonResponse(cardSetup()),
      "GET /api/v1/portal/payment-reminders": () => jsonResponse({ items: [], next_cursor: null }),
    });
    const stripe = fakeStripe({ typed: "nothing" });
    const user = userEvent.setup();
    renderWithProviders(<RecurringPayment leaseId={LEASE_ID} locale="en-BE" loadStripe={stripe.load} />);
    const form = await screen.findByRole("form", { name: "Pay your rent automatically" });
    await within(form).findByPlaceholderText("number");
    await user.click(await within(form).findByRole("checkbox", { name: "I have read and accept this authorisation." }));

    await user.click(within(form).getByRole("button", { name: "Set up recurring payment" }));
    expect(await within(form).findByRole("alert")).toHaveTextContent("Enter your card number, expiry date and security code (CVC) first.");
    expect(stripe.stripe.confirmCardSetup).not.toHaveBeenCalled();

    stripe.type({ empty: false, complete: true });
    stripe.stripe.confirmCardSetup.mockResolvedValueOnce({ error: { type: "card_error", code: "expired_card", message: "Bad request" } });
    await user.click(within(form).getByRole("button", { name: "Set up recurring payment" }));
    await vi.waitFor(() => {
      expect(within(form).getByRole("alert")).toHaveTextContent("This card has expired.");
    });
    expect(within(form).getByRole("alert")).not.toHaveTextContent("Bad request");
    expect(fetch.mock.calls.some(([request]) => request.method === "POST" && request.url.endsWith("/portal/recurring-payments"))).toBe(false);
  });

  it("sets up SEPA direct debit with the IBAN without spaces, and shows the IBAN error", async () => {
    let sent: unknown = null;
    stubApi({
      "GET /api/v1/portal/recurring-payments": () => jsonResponse({ items: [], next_cursor: null }),
      "GET /api/v1/portal/recurring-payments/authorisation": () => jsonResponse(AUTHORISATION),
      "POST /api/v1/portal/recurring-payments": async (request) => {
        sent = await request.json();
        return jsonResponse({ type: "urn:doorstep:problem:validation-error", title: "Invalid", status: 422, errors: [{ field: "body.iban", message: "String should match pattern", code: "invalid_characters" }] }, 422);
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<RecurringPayment leaseId={LEASE_ID} locale="en-BE" loadStripe={fakeStripe().load} />);
    const form = await screen.findByRole("form", { name: "Pay your rent automatically" });
    await user.click(within(form).getByRole("radio", { name: "SEPA direct debit" }));
    await user.type(within(form).getByRole("textbox", { name: "IBAN" }), "be68 5390 0754 7034");
    await user.click(within(form).getByRole("checkbox", { name: "I have read and accept this authorisation." }));
    await user.click(await within(form).findByRole("button", { name: "Set up recurring payment" }));

    // The field's code in the reader's language, never the validator's own text.
    expect(await within(form).findByText("This contains characters that are not allowed here.")).toBeInTheDocument();
    expect(sent).toEqual({ lease_id: LEASE_ID, method: "sepa_debit", iban: "BE68539007547034", authorisation_version: "2026-01" });
  });

  it("cancels only after confirmation", async () => {
    let cancelled = false;
    const fetch = stubApi({
      "GET /api/v1/portal/recurring-payments": () => jsonResponse({ items: [setup(cancelled ? { status: "cancelled" } : {})], next_cursor: null }),
      "GET /api/v1/portal/recurring-payments/authorisation": () => jsonResponse(AUTHORISATION),
      "GET /api/v1/portal/payment-reminders": () => jsonResponse({ items: [], next_cursor: null }),
      [`POST /api/v1/portal/recurring-payments/${SETUP_ID}/cancel`]: () => {
        cancelled = true;
        return jsonResponse(setup({ status: "cancelled" }));
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<RecurringPayment leaseId={LEASE_ID} locale="en-BE" loadStripe={fakeStripe().load} />);
    await user.click(await screen.findByRole("button", { name: "Cancel recurring payment" }));
    const confirm = screen.getByRole("group", { name: "Cancel recurring payment" });
    expect(fetch.mock.calls.some(([request]) => request.method === "POST")).toBe(false);
    await user.click(within(confirm).getByRole("button", { name: "Yes, cancel" }));

    // Back to the set-up form: the lease has no running recurring payment any more.
    expect(await screen.findByRole("form", { name: "Pay your rent automatically" })).toBeInTheDocument();
    expect(cancelled).toBe(true);
  });

  it("changes the card with a newly saved one", async () => {
    const fetch = stubApi({
      "GET /api/v1/portal/recurring-payments": () => jsonResponse({ items: [setup()], next_cursor: null }),
      "GET /api/v1/portal/payment-reminders": () => jsonResponse({ items: [], next_cursor: null }),
      "POST /api/v1/portal/payment-methods/setup": () => jsonResponse(cardSetup()),
      [`PUT /api/v1/portal/recurring-payments/${SETUP_ID}/card`]: () => jsonResponse(setup({ payment_method_label: "Mastercard •••• 4444" })),
    });
    const user = userEvent.setup();
    renderWithProviders(<RecurringPayment leaseId={LEASE_ID} locale="en-BE" loadStripe={fakeStripe().load} />);
    await user.click(await screen.findByRole("button", { name: "Change card" }));
    const form = screen.getByRole("form", { name: "Change card" });
    await within(form).findByPlaceholderText("number");
    await user.click(within(form).getByRole("button", { name: "Use this card" }));

    await screen.findByRole("button", { name: "Change card" });
    const put = fetch.mock.calls.map(([request]) => request).find((request) => request.method === "PUT");
    expect(await put?.json()).toEqual({ payment_method_id: "pm_new_card" });
  });
});
