import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import type { Dashboard } from "../api/get-dashboard";
import { DashboardPage } from "./DashboardPage";

function aDashboard(actions: Partial<Dashboard["actions"]> = {}): Dashboard {
  return {
    today: "2026-11-23",
    timezone: "Europe/Brussels",
    currency: "EUR",
    actions: {
      overdue_invoices: 2,
      overdue_amount: 195000,
      approvals_waiting: 1,
      transfer_proofs_to_review: 3,
      unmatched_bank_lines: 4,
      failed_payments: 5,
      recurring_needing_attention: 0,
      incidents_to_qualify: 0,
      follow_ups_awaiting_review: 0,
      ...actions,
    },
    month: { period_start: "2026-11-01", period_end: "2026-11-30", invoices: 3, expected: 210000, collected: 20000, outstanding: 190000 },
  };
}

describe("DashboardPage", () => {
  it("shows each count as a link to its list, filtered in the address, and the month's money", async () => {
    stubApi({ "GET /api/v1/dashboard": () => jsonResponse(aDashboard()) });
    renderWithProviders(<DashboardPage />);

    expect(await screen.findByRole("link", { name: "2 overdue invoices" })).toHaveAttribute("href", "/invoices?overdue=1");
    expect(screen.getByRole("heading", { level: 1, name: "Today" })).toBeInTheDocument();
    expect(screen.getByText("€1,950.00 still due")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "1 decision waiting for approval" })).toHaveAttribute("href", "/approvals?status=pending");
    expect(screen.getByRole("link", { name: "3 proofs of transfer to check" })).toHaveAttribute("href", "/transfer-proofs?status=submitted");
    expect(screen.getByRole("link", { name: "4 bank lines to match" })).toHaveAttribute("href", "/reconciliation/lines?status=unmatched");
    expect(screen.getByRole("link", { name: "5 failed payments" })).toHaveAttribute("href", "/payments?status=failed");
    expect(screen.getByRole("link", { name: "0 recurring payments needing attention" })).toHaveAttribute("href", "/recurring-payments?attention=1");
    expect(screen.getByText("November 23, 2026, in Europe/Brussels.")).toBeInTheDocument();
    expect(screen.queryByText("Nothing needs action today.")).not.toBeInTheDocument();

    expect(screen.getByRole("heading", { name: "Rent and invoices due in November 2026" })).toBeInTheDocument();
    const month = screen.getByLabelText("This month's money");
    expect(month).toHaveTextContent("Expected€2,100.00");
    expect(month).toHaveTextContent("Collected€200.00");
    expect(month).toHaveTextContent("Still to collect€1,900.00");
    expect(month).toHaveTextContent("Invoices3");
    expect(screen.getByRole("link", { name: "Open the collections center for this month" })).toHaveAttribute(
      "href",
      "/collections?from=2026-11-01&to=2026-11-30",
    );
  });

  it("says when nothing needs action", async () => {
    stubApi({
      "GET /api/v1/dashboard": () =>
        jsonResponse(
          aDashboard({
            overdue_invoices: 0,
            overdue_amount: 0,
            approvals_waiting: 0,
            transfer_proofs_to_review: 0,
            unmatched_bank_lines: 0,
            failed_payments: 0,
            recurring_needing_attention: 0,
            incidents_to_qualify: 0,
            follow_ups_awaiting_review: 0,
          }),
        ),
    });
    renderWithProviders(<DashboardPage />);

    expect(await screen.findByText("Nothing needs action today.")).toBeInTheDocument();
    expect(screen.queryByText(/still due/u)).not.toBeInTheDocument();
  });

  it("explains a failure and offers to try again", async () => {
    stubApi({ "GET /api/v1/dashboard": () => jsonResponse({ type: "about:blank", title: "Server error", status: 500 }, 500) });
    renderWithProviders(<DashboardPage />);

    expect(await screen.findByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});
