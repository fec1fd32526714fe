import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { endedLease, lease } from "@/testing/fixtures";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { NextRentDueCard } from "./NextRentDueCard";

describe("NextRentDueCard", () => {
  it("shows the soonest rent due, its amount and the home", () => {
    const flat = lease();
    const garage = lease({
      id: "garage",
      unit: { ...flat.unit, name: "Garage 4" },
      rent: { amount: 8000, currency: "EUR" },
      next_due_date: "2026-11-27",
    });
    renderWithProviders(<NextRentDueCard leases={[flat, garage]} locale="en-GB" today="2026-11-23" />);
    const card = screen.getByRole("region", { name: "Next rent due" });
    expect(card).toHaveTextContent("€80.00");
    // ICU versions differ on the comma after the weekday.
    expect(card).toHaveTextContent(/Due on 27 November 2026 \(in 4 days\)/);
    expect(card).toHaveTextContent("For Residence Louise, Garage 4");
  });

  it("shows what the next rent still asks for once its invoice is partly paid", () => {
    // Issue 11: December was paid early, so the API says January is next; credit paid part of it.
    const paidAhead = lease({ next_due_date: "2027-01-01", next_due_amount: { amount: 60000, currency: "EUR" } });
    renderWithProviders(<NextRentDueCard leases={[paidAhead]} locale="en-GB" today="2026-11-23" />);
    const card = screen.getByRole("region", { name: "Next rent due" });
    expect(card).toHaveTextContent("€600.00");
    expect(card).toHaveTextContent(/1 January 2027/);
  });

  it("says tomorrow and today in words", () => {
    renderWithProviders(<NextRentDueCard leases={[lease()]} locale="en-GB" today="2026-11-30" />);
    expect(screen.getByRole("region", { name: "Next rent due" })).toHaveTextContent("(tomorrow)");
  });

  it("says nothing is due when no lease is running", () => {
    renderWithProviders(<NextRentDueCard leases={[endedLease()]} locale="en-GB" today="2026-11-30" />);
    expect(screen.getByRole("region", { name: "Next rent due" })).toHaveTextContent(
      "No rent is due: none of your leases is running.",
    );
  });

  it("stays away when the tenant has no lease", () => {
    const { container } = renderWithProviders(<NextRentDueCard leases={[]} locale="en-GB" today="2026-11-30" />);
    expect(container).toBeEmptyDOMElement();
  });
});
