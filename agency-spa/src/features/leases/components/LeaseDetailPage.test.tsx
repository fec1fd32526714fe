import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import type { Role } from "@/lib/auth/permissions";
import { aLease, aTenant, page, staffMe } from "@/testing/fixtures";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { LeaseDetailPage } from "./LeaseDetailPage";

type Lease = components["schemas"]["LeaseOut"];
const noah = { id: "noah", first_name: "Noah", last_name: "Neighbour", email: "noah@doorstep.example" };

/** A fake API holding one lease that changes as the page acts on it. */
function stub(role: Role, initial: Lease, overrides: unknown[] = []) {
  let lease = initial;
  const calls: string[] = [];
  const base = `/api/v1/leases/${lease.id}`;
  const answer = (next: Partial<Lease>) => {
    lease = { ...lease, ...next };
    return jsonResponse(lease);
  };
  stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe(role)),
    [`GET ${base}`]: () => jsonResponse(lease),
    [`POST ${base}/activate`]: () => {
      calls.push("activate");
      return answer({ status: "active" });
    },
    [`POST ${base}/cancel`]: async (request) => {
      const body = await request.text();
      calls.push(body === "" ? "cancel" : `cancel ${body}`);
      const endsOn = body === "" ? undefined : (JSON.parse(body) as { ends_on?: string }).ends_on;
      return answer({ status: "cancelled", next_due_date: null, ...(endsOn === undefined ? {} : { end_date: endsOn, holding_over: false }) });
    },
    [`PATCH ${base}`]: async (request) => {
      calls.push(`patch ${JSON.stringify(await request.json())}`);
      return answer({ end_date: "2027-11-30" });
    },
    [`POST ${base}/tenants`]: () => {
      calls.push("attach");
      return answer({ tenants: [...lease.tenants, noah] });
    },
    [`DELETE ${base}/tenants/noah`]: () => {
      calls.push("detach noah");
      return answer({ tenants: lease.tenants.filter((t) => t.id !== "noah") });
    },
    "GET /api/v1/tenants": () => jsonResponse(page([aTenant(), aTenant(noah)])),
    "GET /api/v1/readiness-overrides": (request) => {
      const leaseId = new URL(request.url).searchParams.get("lease_id");
      return jsonResponse(page(leaseId === lease.id ? overrides : []));
    },
  });
  return calls;
}

function renderLease(lease: Lease) {
  return renderWithProviders(<LeaseDetailPage leaseId={lease.id} />, { route: `/leases/${lease.id}` });
}

describe("LeaseDetailPage", () => {
  it("shows what was sent despite the readiness review: what, who, when, why and what blocked", async () => {
    const lease = aLease({ status: "active" });
    stub("viewer", lease, [
      {
        id: "o1",
        action: "payment_link_email",
        subject_id: "link-1",
        tenant_id: "tenant-1",
        lease_id: lease.id,
        reason: "The tenant asked for the link by phone.",
        blocking: [
          {
            key: "invoices",
            status: "blocking",
            code: "invoices.too_high",
            message: "Invoice 42 asks for too much.",
            params: { number: 42, amount: 120000, expected: 95000, currency: "EUR" },
            fix: null,
          },
        ],
        overridden_by_id: "staff-1",
        overridden_by_name: "Mia Manager",
        overridden_at: "2026-11-30T09:15:00Z",
      },
    ]);
    renderLease(lease);
    expect(await screen.findByRole("heading", { level: 1, name: "Lease for Flat 1A, Residence Louise" })).toBeInTheDocument();
    const section = await screen.findByRole("region", { name: "Sent despite the readiness review" });
    expect(within(section).getByText("Payment link e-mailed")).toBeInTheDocument();
    expect(section).toHaveTextContent(/Mia Manager, 30 November 2026, 10:15/u);
    expect(within(section).getByText("The tenant asked for the link by phone.")).toBeInTheDocument();
    expect(section).toHaveTextContent("Invoice 42 asks for €1,200.00, but the lease's rent for it is €950.00.");
  });

  it("shows no overrides section when nothing was sent despite the review", async () => {
    const lease = aLease({ status: "active" });
    stub("viewer", lease);
    renderLease(lease);
    expect(await screen.findByRole("heading", { level: 1, name: "Lease for Flat 1A, Residence Louise" })).toBeInTheDocument();
    await waitFor(() => {
      expect(screen.queryByRole("region", { name: "Sent despite the readiness review" })).not.toBeInTheDocument();
    });
  });

  it("shows unit, address, tenants and the terms in words", async () => {
    const lease = aLease({ holding_over: true, end_date: "2027-11-30" });
    stub("viewer", lease);
    renderLease(lease);
    expect(await screen.findByRole("heading", { level: 1, name: "Lease for Flat 1A, Residence Louise" })).toBeInTheDocument();
    const terms = screen.getByRole("region", { name: "Terms" });
    expect(within(terms).getByRole("link", { name: "Residence Louise" })).toHaveAttribute("href", `/properties/${lease.unit.property_id}`);
    expect(within(terms).getByRole("link", { name: "Flat 1A" })).toHaveAttribute("href", `/units/${lease.unit.id}`);
    expect(terms).toHaveTextContent("Avenue Louise 120, 1050 Brussels");
    expect(terms).toHaveTextContent("€950.00 per month");
    expect(terms).toHaveTextContent("On the 1st of each month");
    // Dates read in the agency's own locale once its settings have loaded (before that, the
    // browser's): waiting for them keeps the test from racing that answer.
    await waitFor(() => {
      expect(terms).toHaveTextContent("1 December 2026");
    });
    expect(terms).toHaveTextContent("30 November 2027");
    expect(terms).toHaveTextContent("Yes: the tenancy carries on after the end date");
    expect(screen.getByText("Status:")).toHaveTextContent("Status: Draft");
    expect(screen.getByRole("link", { name: "Tess Tenant" })).toHaveAttribute("href", "/tenants/0b6f1d4e-0000-4000-8000-0000000000d1");
  });

  it.each<Role>(["viewer", "accountant"])("offers no action to a %s", async (role) => {
    const lease = aLease();
    stub(role, lease);
    renderLease(lease);
    await screen.findByRole("heading", { level: 1 });
    await waitFor(() => {
      expect(screen.getByRole("region", { name: "Terms" })).toBeInTheDocument();
    });
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });

  it("lets a manager activate a draft, after which its terms are locked", async () => {
    const lease = aLease();
    const calls = stub("manager", lease);
    const user = userEvent.setup();
    renderLease(lease);
    const actions = await screen.findByRole("group", { name: "Lease actions" });
    expect(within(actions).getAllByRole("button").map((button) => button.textContent)).toEqual([
      "Activate lease",
      "Edit lease",
      "Cancel lease",
    ]);

    await user.click(within(actions).getByRole("button", { name: "Activate lease" }));

    expect(await screen.findByText("The lease is active.")).toBeInTheDocument();
    expect(calls).toEqual(["activate"]);
    expect(screen.getByText("Status:")).toHaveTextContent("Status: Active");
    expect(screen.getByText("Status:")).toHaveFocus();
    expect(screen.queryByRole("button", { name: "Activate lease" })).not.toBeInTheDocument();
    expect(screen.getByText(/its start date, rent, frequency and due day are locked/)).toBeInTheDocument();

    // Editing an active lease offers only the end date and holding over.
    await user.click(screen.getByRole("button", { name: "Edit end date and holding over" }));
    expect(screen.queryByLabelText("Rent (EUR)")).not.toBeInTheDocument();
    expect(screen.queryByLabelText("Start date")).not.toBeInTheDocument();
    // Seed 003: staff learn before saving what a new end does to the invoices already issued.
    expect(screen.getByText(/Rent invoices already issued or awaiting approval follow a new end date/)).toBeInTheDocument();
    await user.type(screen.getByLabelText("End date (optional)"), "2027-11-30");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("Lease saved.")).toBeInTheDocument();
    expect(calls).toEqual(["activate", 'patch {"end_date":"2027-11-30","holding_over":false}']);
  });

  it("explains in the UI's language why a draft cannot be activated", async () => {
    const lease = aLease();
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
      [`GET /api/v1/leases/${lease.id}`]: () => jsonResponse(lease),
      [`POST /api/v1/leases/${lease.id}/activate`]: () =>
        jsonResponse(
          {
            type: "urn:doorstep:problem:unit-already-let",
            title: "The unit is let under another lease for these dates",
            status: 409,
            detail: "Another active lease lets this unit over these dates.",
            errors: [],
          },
          409,
        ),
    });
    const user = userEvent.setup();
    renderLease(lease);
    await user.click(await screen.findByRole("button", { name: "Activate lease" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Another active lease already lets this unit for these dates. End or cancel that lease first",
    );
    expect(screen.getByText("Status:")).toHaveTextContent("Status: Draft");
  });

  it("edits every term of a draft", async () => {
    const lease = aLease();
    const calls = stub("owner", lease);
    const user = userEvent.setup();
    renderLease(lease);
    await user.click(await screen.findByRole("button", { name: "Edit lease" }));
    const rent = screen.getByLabelText("Rent (EUR)");
    expect(rent).toHaveValue("950.00");
    await user.clear(rent);
    await user.type(rent, "1,000");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    await screen.findByText("Lease saved.");
    expect(calls).toEqual([
      'patch {"start_date":"2026-12-01","end_date":null,"rent":{"amount":100000,"currency":"EUR"},"frequency":"monthly","due_day":1,"holding_over":false}',
    ]);
  });

  it("asks before cancelling an active lease, for its last day, and says what it does to rent invoiced", async () => {
    const lease = aLease({ status: "active", end_date: "2027-11-30" });
    const calls = stub("manager", lease);
    const user = userEvent.setup();
    renderLease(lease);
    await user.click(await screen.findByRole("button", { name: "Cancel lease" }));

    const dialog = screen.getByRole("dialog", { name: "Cancel this active lease?" });
    expect(dialog).toHaveTextContent("ends on the day below: no rent falls due under this lease after it and recurring payments for it stop");
    expect(dialog).toHaveTextContent(
      "Rent invoices already issued or awaiting approval follow this day: a period after it is credited (a draft is voided), the one it falls in is prorated to it.",
    );
    expect(dialog).toHaveTextContent("This cannot be undone.");
    const lastDay = within(dialog).getByLabelText<HTMLInputElement>(/Last day of the tenancy/);
    // Proposed within the term the API accepts (the day itself is the agency's today).
    expect(lastDay.value >= "2026-12-01" && lastDay.value <= "2027-11-30").toBe(true);
    // The day before the start is the earliest: a tenancy that never begins.
    expect(lastDay).toHaveAttribute("min", "2026-11-30");
    expect(lastDay).toHaveAttribute("max", "2027-11-30");
    expect(within(dialog).getByRole("button", { name: "Keep lease" })).toHaveFocus();

    await user.click(within(dialog).getByRole("button", { name: "Keep lease" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(calls).toEqual([]);

    await user.click(screen.getByRole("button", { name: "Cancel lease" }));
    const again = screen.getByRole("dialog");
    const field = within(again).getByLabelText(/Last day of the tenancy/);
    await user.clear(field);
    await user.click(within(again).getByRole("button", { name: "Yes, cancel lease" }));
    expect(within(again).getByText("Give the tenancy's last day.")).toBeInTheDocument();
    expect(calls).toEqual([]);

    await user.type(field, "2027-01-15");
    await user.click(within(again).getByRole("button", { name: "Yes, cancel lease" }));
    expect(await screen.findByText("The lease is cancelled.")).toBeInTheDocument();
    expect(calls).toEqual(['cancel {"ends_on":"2027-01-15"}']);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.getByText(/This lease was cancelled. It is kept as a record/)).toBeInTheDocument();
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });

  it("cancels a tenancy not begun yet from the day before its start: it never begins", async () => {
    const lease = aLease({ status: "active", start_date: "2099-03-01", end_date: null });
    const calls = stub("manager", lease);
    const user = userEvent.setup();
    renderLease(lease);
    await user.click(await screen.findByRole("button", { name: "Cancel lease" }));
    const dialog = screen.getByRole("dialog", { name: "Cancel this active lease?" });
    expect(within(dialog).getByLabelText<HTMLInputElement>(/Last day of the tenancy/).value).toBe("2099-02-28");
    expect(dialog).toHaveTextContent(/This is the day before the tenancy starts \(.+\): it never begins, and every rent invoice issued for it is credited/);
    await user.click(within(dialog).getByRole("button", { name: "Yes, cancel lease" }));
    expect(await screen.findByText("The lease is cancelled.")).toBeInTheDocument();
    expect(calls).toEqual(['cancel {"ends_on":"2099-02-28"}']);
    expect(screen.getByText("None: cancelled before it started")).toBeInTheDocument();
  });

  it("cancels a draft lease without asking for a day", async () => {
    const lease = aLease({ status: "draft" });
    const calls = stub("manager", lease);
    const user = userEvent.setup();
    renderLease(lease);
    await user.click(await screen.findByRole("button", { name: "Cancel lease" }));
    const dialog = screen.getByRole("dialog", { name: "Cancel this draft lease?" });
    expect(within(dialog).queryByLabelText(/Last day of the tenancy/)).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Yes, cancel lease" }));
    expect(await screen.findByText("The lease is cancelled.")).toBeInTheDocument();
    expect(calls).toEqual(["cancel"]);
  });

  it("attaches another tenant and detaches one, never the last", async () => {
    const lease = aLease({ status: "active" });
    const calls = stub("manager", lease);
    const user = userEvent.setup();
    renderLease(lease);
    const tenants = await screen.findByRole("region", { name: "Tenants" });
    expect(await within(tenants).findByText(/A lease keeps at least one tenant/)).toBeInTheDocument();
    expect(within(tenants).queryByRole("button", { name: /^Remove/ })).not.toBeInTheDocument();

    await user.click(await within(tenants).findByRole("button", { name: "Add Noah Neighbour" }));
    expect(await within(tenants).findByRole("link", { name: "Noah Neighbour" })).toBeInTheDocument();
    expect(calls).toEqual(["attach"]);

    await user.click(within(tenants).getByRole("button", { name: "Remove Noah Neighbour from this lease" }));
    const dialog = screen.getByRole("dialog", { name: "Remove Noah Neighbour from this lease?" });
    await user.click(within(dialog).getByRole("button", { name: "Yes, remove tenant" }));
    await waitFor(() => {
      expect(within(tenants).queryByRole("link", { name: "Noah Neighbour" })).not.toBeInTheDocument();
    });
    expect(calls).toEqual(["attach", "detach noah"]);
  });

  it.each<Lease["status"]>(["ended", "cancelled"])("keeps an %s lease read-only, even for an owner", async (status) => {
    const lease = aLease({ status, next_due_date: null });
    stub("owner", lease);
    renderLease(lease);
    expect(await screen.findByText(/It is kept as a record and can no longer be changed/)).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Terms" })).toHaveTextContent("None: no more rent falls due");
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });
});
