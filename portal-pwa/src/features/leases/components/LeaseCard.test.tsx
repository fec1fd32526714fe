import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { endedLease, lease } from "@/testing/fixtures";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { LeaseCard } from "./LeaseCard";

describe("LeaseCard", () => {
  it("shows the home, its rent and when it is next due, and links to the lease", () => {
    renderWithProviders(<LeaseCard lease={lease()} locale="en-BE" />);
    const card = screen.getByRole("article", { name: "Residence Louise, Flat 1A" });
    const link = within(card).getByRole("link", { name: "Residence Louise, Flat 1A" });
    expect(link).toHaveAttribute("href", "/leases/5a7c0e2d-0000-4000-8000-000000000101");
    expect(within(card).getByRole("heading", { level: 3 })).toHaveTextContent("Residence Louise");
    expect(within(card).getByText("Residence Louise")).toBeInTheDocument();
    expect(within(card).getByText("Avenue Louise 120, 1050 Brussels")).toBeInTheDocument();
    expect(within(card).getByText("€950.00 per month")).toBeInTheDocument();
    expect(within(card).getByText("Next due date").nextElementSibling).toHaveTextContent("1 December 2026");
    expect(within(card).getByText("Active")).toHaveClass("badge--active");
    expect(within(card).queryByText(/Holding over/)).not.toBeInTheDocument();
  });

  it("says when an ended lease ended instead of a due date", () => {
    renderWithProviders(<LeaseCard lease={endedLease()} locale="en-GB" />);
    expect(screen.getByText("Ended")).toHaveClass("badge--ended");
    expect(screen.getByText("Ended on 31 October 2025")).toBeInTheDocument();
  });

  it("explains holding over on a running lease past its end date", () => {
    renderWithProviders(<LeaseCard lease={lease({ end_date: "2026-06-30", holding_over: true })} locale="en-GB" />);
    expect(
      screen.getByText(
        "Holding over: this lease continues after its end date (30 June 2026) until you or your landlord give notice.",
      ),
    ).toBeInTheDocument();
  });

  it("shows the rent in effect and a rent change the agency recorded for later", () => {
    const reviewed = lease({
      rent: { amount: 95000, currency: "EUR" },
      current_rent: { amount: 99000, currency: "EUR" },
      next_rent_review: { effective_from: "2027-03-01", rent: { amount: 104000, currency: "EUR" } },
    });
    renderWithProviders(<LeaseCard lease={reviewed} locale="en-GB" />);
    const card = screen.getByRole("article", { name: "Residence Louise, Flat 1A" });
    expect(within(card).getByText("Rent").nextElementSibling).toHaveTextContent("€990.00 per month");
    expect(within(card).getByText("Rent change").nextElementSibling).toHaveTextContent("From 1 March 2027: €1,040.00 per month");
  });

  it("says nothing of a rent change when none is coming", () => {
    renderWithProviders(<LeaseCard lease={lease()} locale="en-GB" />);
    expect(screen.queryByText("Rent change")).not.toBeInTheDocument();
  });
});
