import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { session } from "@/lib/api/client";
import { savedCard } from "@/testing/payment-fixtures";
import { SavedCards } from "./SavedCards";

beforeEach(() => {
  session.signIn({ access_token: "t1", expires_in: 900 });
});

describe("SavedCards", () => {
  it("removes a card after asking", async () => {
    let cards = [savedCard(), savedCard({ id: "pm_mastercard", brand: "mastercard", last4: "4444", exp_month: 1, exp_year: 2031 })];
    const fetch = stubApi({
      "GET /api/v1/portal/payment-methods": () => jsonResponse({ items: cards, next_cursor: null }),
      "DELETE /api/v1/portal/payment-methods/pm_mastercard": () => {
        cards = cards.filter((card) => card.id !== "pm_mastercard");
        return new Response(null, { status: 204 });
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<SavedCards />);

    expect(await screen.findByText("Visa ending in 4242, expires 12/2030")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Remove Mastercard ending in 4444, expires 01/2031" }));
    const confirm = screen.getByRole("group", { name: "Remove Mastercard ending in 4444, expires 01/2031" });
    expect(fetch.mock.calls.some(([request]) => request.method === "DELETE")).toBe(false);
    await user.click(within(confirm).getByRole("button", { name: "Yes, remove it" }));

    expect(await screen.findByText("The card has been removed.")).toBeInTheDocument();
    expect(screen.queryByText(/Mastercard/u)).not.toBeInTheDocument();
    expect(screen.getByText("Visa ending in 4242, expires 12/2030")).toBeInTheDocument();
  });

  it("keeps the card when the tenant changes their mind", async () => {
    const fetch = stubApi({ "GET /api/v1/portal/payment-methods": () => jsonResponse({ items: [savedCard()], next_cursor: null }) });
    const user = userEvent.setup();
    renderWithProviders(<SavedCards />);

    await user.click(await screen.findByRole("button", { name: "Remove Visa ending in 4242, expires 12/2030" }));
    await user.click(screen.getByRole("button", { name: "Keep it" }));

    expect(screen.getByRole("button", { name: "Remove Visa ending in 4242, expires 12/2030" })).toBeInTheDocument();
    expect(fetch.mock.calls.every(([request]) => request.method === "GET")).toBe(true);
  });

  it("says card payments are in progress when the agency has not switched them on", async () => {
    stubApi({
      "GET /api/v1/portal/payment-methods": () =>
        jsonResponse({ type: "urn:doorstep:problem:feature-not-enabled", title: "Not enabled", status: 409, detail: "", errors: [] }, 409),
    });
    renderWithProviders(<SavedCards />);
    expect(await screen.findByText("Card payments: in progress")).toBeInTheDocument();
  });
});
