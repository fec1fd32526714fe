import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { beforeEach, describe, expect, it } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { session } from "@/lib/api/client";
import { invoice, paidInvoice } from "@/testing/payment-fixtures";
import { invoiceQueryKey } from "../api/get-my-invoice";
import type { InvoiceFilter } from "../api/get-my-invoices";
import { InvoiceList } from "./InvoiceList";

function List() {
  const [filter, setFilter] = useState<InvoiceFilter>("to-pay");
  return <InvoiceList filter={filter} onFilterChange={setFilter} locale="en-BE" />;
}

beforeEach(() => {
  session.signIn({ access_token: "t1", expires_in: 900 });
});

describe("InvoiceList", () => {
  it("shows what is left to pay first, then the paid invoices, asking the API for those states", async () => {
    const asked: string[][] = [];
    const overdue = invoice({ id: "9c1e2d3f-0000-4000-8000-000000000300", number: 41, due_date: "2026-11-01", overdue: true, lines: [{ description: "Rent November 2026", amount: 95000 }] });
    stubApi({
      "GET /api/v1/portal/invoices": (request) => {
        const states = new URL(request.url).searchParams.getAll("state");
        asked.push(states);
        return jsonResponse({ items: states.includes("paid") && !states.includes("open") ? [paidInvoice({ number: 40 })] : [invoice(), overdue], next_cursor: null });
      },
    });
    const user = userEvent.setup();
    const { queryClient } = renderWithProviders(<List />);

    expect(screen.getByRole("button", { name: "To pay" })).toHaveAttribute("aria-pressed", "true");
    const cards = await screen.findAllByRole("article");
    expect(cards).toHaveLength(2);
    expect(cards[0]).toHaveTextContent("Invoice 42");
    expect(cards[0]).toHaveTextContent("Residence Louise, Flat 1A");
    expect(cards[0]).toHaveTextContent("€950.00 to pay");
    expect(within(cards[1]!).getByText("Overdue")).toBeInTheDocument();
    expect(cards[1]).toHaveTextContent("Was due on 1 November 2026");
    expect(within(cards[0]!).getByRole("link")).toHaveAttribute("href", `/payments/invoices/${invoice().id}`);
    // Each listed invoice opens from cache (also offline).
    expect(queryClient.getQueryData(invoiceQueryKey(invoice().id))).toEqual(invoice());

    await user.click(screen.getByRole("button", { name: "Paid" }));
    const paid = await screen.findByRole("article", { name: /^Invoice 40/u });
    expect(within(paid).getByText("Paid")).toBeInTheDocument();
    expect(paid).toHaveTextContent("Paid in full");
    expect(asked).toEqual([["open", "partially_paid"], ["paid"]]);
  });

  it("says when there is nothing to pay", async () => {
    stubApi({ "GET /api/v1/portal/invoices": () => jsonResponse({ items: [], next_cursor: null }) });
    renderWithProviders(<List />);
    expect(await screen.findByText("No invoice to pay. You are up to date.")).toBeInTheDocument();
  });
});
