import { screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { session } from "@/lib/api/client";
import { balance, invoice } from "@/testing/payment-fixtures";
import { BalanceSummary } from "./BalanceSummary";

const LABELS = { [balance().lease_id]: "Residence Louise, Flat 1A" };

beforeEach(() => {
  session.signIn({ access_token: "t1", expires_in: 900 });
});

function serve(balanceOut: ReturnType<typeof balance>, invoices: ReturnType<typeof invoice>[]) {
  stubApi({
    "GET /api/v1/portal/balance": () => jsonResponse([balanceOut]),
    "GET /api/v1/portal/invoices": () => jsonResponse({ items: invoices, next_cursor: null }),
  });
}

describe("BalanceSummary", () => {
  it("shows a reported transfer as pending, not owed, and the button says what it opens", async () => {
    // Issue 11: €165.00 open (€45.00 fee and €120.00 rent), €120.00 reported by transfer.
    const fee = invoice({ id: "fee", number: 43, outstanding: 4500, total: 4500, due_date: "2026-11-15", overdue: false });
    const rent = invoice({ outstanding: 12000, total: 12000 });
    serve(balance({ outstanding: 16500, balance: 16500, pending: 12000 }), [fee, rent]);
    renderWithProviders(<BalanceSummary locale="en-BE" leaseLabels={LABELS} />);

    const item = await screen.findByRole("listitem");
    const headline = within(item).getByText("You owe €45.00");
    expect(item).toHaveTextContent("€120.00 pending: you reported it paid by bank transfer");
    // Nothing is late yet: not shown as a warning.
    expect(headline).not.toHaveClass("balance-item__headline--owing");
    expect(await within(item).findByRole("link", { name: /^Pay invoice 43 \(€45\.00\)/u })).toHaveAttribute("href", "/payments/invoices/fee");
  });

  it("marks only money already late in red", async () => {
    serve(balance({ overdue: 95000 }), [invoice({ overdue: true })]);
    renderWithProviders(<BalanceSummary locale="en-BE" leaseLabels={LABELS} />);
    expect(await screen.findByText("You owe €950.00")).toHaveClass("balance-item__headline--owing");
  });

  it("in credit, says so and offers nothing to pay", async () => {
    serve(balance({ outstanding: 0, credit: 5000, balance: -5000 }), []);
    renderWithProviders(<BalanceSummary locale="en-BE" leaseLabels={LABELS} />);
    expect(await screen.findByText("In credit: €50.00")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: /^Pay/u })).not.toBeInTheDocument();
  });
});
