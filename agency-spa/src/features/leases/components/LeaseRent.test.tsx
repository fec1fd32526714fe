import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import type { Role } from "@/lib/auth/permissions";
import { aLease, staffMe, page } from "@/testing/fixtures";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { LeaseDetailPage } from "./LeaseDetailPage";

type Lease = components["schemas"]["LeaseOut"];
type Review = components["schemas"]["RentReviewOut"];

const june: Review = {
  id: "review-june",
  effective_from: "2026-06-01",
  rent: { amount: 99000, currency: "EUR" },
  reviewed_by_id: "staff-1",
  reviewed_by_name: "Max Manager",
  reviewed_at: "2026-05-02T09:30:00Z",
};

const reviewed = aLease({
  status: "active",
  start_date: "2026-01-01",
  current_rent: { amount: 99000, currency: "EUR" },
  rent_history: [june],
});

function problem(slug: string, status: number, errors: { field: string; code: string; message: string }[] = []) {
  return jsonResponse({ type: `urn:doorstep:problem:${slug}`, title: slug, status, detail: "In English only.", errors }, status);
}

/** A fake API holding one lease; the review route answers `answer` or records the review. */
function stub(role: Role, initial: Lease, answer?: () => Response) {
  let lease = initial;
  const sent: unknown[] = [];
  stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe(role)),
    [`GET /api/v1/leases/${lease.id}`]: () => jsonResponse(lease),
    "GET /api/v1/readiness-overrides": () => jsonResponse(page([])),
    [`POST /api/v1/leases/${lease.id}/rent-reviews`]: async (request) => {
      const body = (await request.json()) as { effective_from: string; rent: { amount: number; currency: string } };
      sent.push(body);
      if (answer !== undefined) return answer();
      const review: Review = { ...june, id: "review-new", effective_from: body.effective_from, rent: body.rent };
      lease = { ...lease, next_rent_review: { effective_from: body.effective_from, rent: body.rent }, rent_history: [...lease.rent_history, review] };
      return jsonResponse(review, 201);
    },
  });
  return sent;
}

function renderLease(lease: Lease) {
  return renderWithProviders(<LeaseDetailPage leaseId={lease.id} />, { route: `/leases/${lease.id}` });
}

describe("LeaseRent", () => {
  it("shows the rent in effect, the agreed rent, the next change and the history", async () => {
    stub("viewer", { ...reviewed, next_rent_review: { effective_from: "2027-03-01", rent: { amount: 104000, currency: "EUR" } } });
    renderLease(reviewed);
    const rent = await screen.findByRole("region", { name: "Rent" });
    expect(rent).toHaveTextContent("Rent in effect today€990.00 per month");
    expect(rent).toHaveTextContent("Rent agreed at the start€950.00 per month");
    // Dates in the staff member's language with the agency's region (en-BE), once it is known.
    expect(await within(rent).findByText("From 1 March 2027: €1,040.00")).toBeInTheDocument();
    const history = within(rent).getByRole("table", { name: "Rent reviews" });
    expect(within(history).getAllByRole("row")[1]).toHaveTextContent("1 June 2026€990.00Max Manager");
    expect(within(rent).queryByRole("button")).not.toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Terms" })).toHaveTextContent("€990.00 per month");
  });

  it("lets a manager review the rent, then shows the change and its history", async () => {
    const sent = stub("manager", reviewed);
    const user = userEvent.setup();
    renderLease(reviewed);
    await user.click(await screen.findByRole("button", { name: "Review the rent" }));
    await user.type(screen.getByLabelText("New rent (EUR)"), "1,040.50");
    await user.type(screen.getByLabelText("Effective from"), "2027-03-01");
    await user.click(screen.getByRole("button", { name: "Record the review" }));
    expect(await screen.findByText("Rent review recorded: €1,040.50 from 1 March 2027.")).toBeInTheDocument();
    expect(sent).toEqual([{ effective_from: "2027-03-01", rent: { amount: 104050, currency: "EUR" } }]);
    const rent = screen.getByRole("region", { name: "Rent" });
    expect(await within(rent).findByText("From 1 March 2027: €1,040.50")).toBeInTheDocument();
    expect(within(within(rent).getByRole("table")).getAllByRole("row")).toHaveLength(3);
  });

  it("checks the amount and the date before sending", async () => {
    const sent = stub("owner", reviewed);
    const user = userEvent.setup();
    renderLease(reviewed);
    await user.click(await screen.findByRole("button", { name: "Review the rent" }));
    await user.type(screen.getByLabelText("New rent (EUR)"), "0");
    await user.type(screen.getByLabelText("Effective from"), "2025-12-31");
    await user.click(screen.getByRole("button", { name: "Record the review" }));
    expect(await screen.findByText("A rent review cannot take effect before the lease starts.")).toBeInTheDocument();
    expect(screen.getByLabelText("New rent (EUR)")).toHaveAccessibleDescription(expect.stringContaining("more than zero") as string);
    expect(sent).toEqual([]);
  });

  it("shows a review already recorded for that date on the date field", async () => {
    stub("manager", reviewed, () => problem("rent-review-exists", 409));
    const user = userEvent.setup();
    renderLease(reviewed);
    await user.click(await screen.findByRole("button", { name: "Review the rent" }));
    await user.type(screen.getByLabelText("New rent (EUR)"), "1000");
    await user.type(screen.getByLabelText("Effective from"), "2026-06-01");
    await user.click(screen.getByRole("button", { name: "Record the review" }));
    expect(await screen.findByText("The rent is already reviewed from that date.")).toBeInTheDocument();
    expect(screen.getByLabelText("Effective from")).toHaveAccessibleDescription(
      expect.stringContaining("The rent is already reviewed from that date.") as string,
    );
  });

  it("shows the API's refusal of a date on the date field", async () => {
    stub("manager", reviewed, () =>
      problem("validation-error", 422, [{ field: "effective_from", code: "invalid", message: "A rent review cannot take effect before the lease." }]),
    );
    const user = userEvent.setup();
    renderLease(reviewed);
    await user.click(await screen.findByRole("button", { name: "Review the rent" }));
    await user.type(screen.getByLabelText("New rent (EUR)"), "1000");
    await user.type(screen.getByLabelText("Effective from"), "2026-02-01");
    await user.click(screen.getByRole("button", { name: "Record the review" }));
    const date = screen.getByLabelText("Effective from");
    await expect.poll(() => date.getAttribute("aria-invalid")).toBe("true");
  });
});
