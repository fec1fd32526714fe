import { screen } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { session } from "@/lib/api/client";
import { invoice } from "@/testing/payment-fixtures";
import { PayRentLink } from "./PayRentLink";

const RENT = invoice();

beforeEach(() => {
  session.signIn({ access_token: "t1", expires_in: 900 });
});

function stubInvoices(items: unknown[]) {
  stubApi({ "GET /api/v1/portal/invoices": () => jsonResponse({ items, next_cursor: null }) });
}

describe("PayRentLink", () => {
  it("invites to pay the coming rent", async () => {
    stubInvoices([RENT]);
    renderWithProviders(<PayRentLink leaseId={RENT.lease_id} dueDate={RENT.due_date} locale="en-BE" />);
    expect(await screen.findByRole("link", { name: "Pay this rent (€950.00)" })).toHaveAttribute("href", `/payments/invoices/${RENT.id}`);
  });

  it("says when and from which card the recurring payment takes it, instead of inviting a payment", async () => {
    stubInvoices([
      invoice({ scheduled_charge: { charge_on: "2026-12-01", amount: 95000, currency: "EUR", status: "scheduled", method: "card", last4: "4242" } }),
    ]);
    renderWithProviders(<PayRentLink leaseId={RENT.lease_id} dueDate={RENT.due_date} locale="en-BE" />);
    expect(await screen.findByText("Will be taken from your card ending 4242 on 1 December 2026.")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: /Pay this rent/u })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "See the invoice" })).toHaveAttribute("href", `/payments/invoices/${RENT.id}`);
  });
});
