import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { page, staffMe } from "@/testing/fixtures";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { OverduePage } from "./OverduePage";

const ageing = (days_1_30: number, days_31_60: number, days_61_90: number, over_90: number, invoices: number) => ({
  days_1_30,
  days_31_60,
  days_61_90,
  over_90,
  total: days_1_30 + days_31_60 + days_61_90 + over_90,
  invoices,
});

function stub(role: Role, recurringChargeOn: string | null = null) {
  const requests: URL[] = [];
  stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe(role)),
    "GET /api/v1/properties": () => jsonResponse(page([])),
    "GET /api/v1/collections/overdue": (request) => {
      requests.push(new URL(request.url));
      return jsonResponse({
        currency: "EUR",
        at: "2026-12-02",
        totals: ageing(95000, 87500, 0, 10000, 3),
        leases: [
          {
            lease_id: "lease-noah",
            lease_status: "active",
            property_id: "p1",
            property_name: "Residence Louise",
            unit_id: "u2",
            unit_name: "Flat 1B",
            tenants: [{ id: "noah", name: "Noah Neighbour" }],
            ageing: ageing(0, 87500, 0, 10000, 2),
            oldest_due_date: "2026-08-01",
            credit: 50000,
            recurring_charge_on: recurringChargeOn,
          },
        ],
      });
    },
  });
  return requests;
}

describe("OverduePage", () => {
  it("shows each ageing bucket, per lease, with the lease, the tenant and the follow-up", async () => {
    const requests = stub("accountant");
    renderWithProviders(<OverduePage />, { route: "/collections/overdue?property_id=p1&sort=oldest" });

    const totals = await screen.findByLabelText("Overdue amounts by age");
    expect(totals).toHaveTextContent("1–30 days€950.00");
    expect(totals).toHaveTextContent("31–60 days€875.00");
    expect(totals).toHaveTextContent("61–90 days€0.00");
    expect(totals).toHaveTextContent("Over 90 days€100.00");
    expect(totals).toHaveTextContent("Total overdue€1,925.00");

    const row = screen.getByRole("row", { name: /Flat 1B · Residence Louise/ });
    expect(row).toHaveAttribute("data-oldest-bucket", "over_90");
    expect(within(row).getByRole("link", { name: "Flat 1B · Residence Louise" })).toHaveAttribute("href", "/leases/lease-noah");
    expect(within(row).getByRole("link", { name: "Noah Neighbour" })).toHaveAttribute("href", "/tenants/noah");
    expect(row).toHaveTextContent("123 days overdue");
    expect(row).toHaveTextContent("€500.00");
    expect(within(row).getByRole("link", { name: "Follow up — Flat 1B · Residence Louise" })).toHaveAttribute(
      "href",
      "/collections/follow-ups/new?lease_id=lease-noah",
    );
    expect(requests[0]?.searchParams.get("property_id")).toBe("p1");
    expect(requests[0]?.searchParams.get("sort")).toBe("oldest");
    expect(requests[0]?.searchParams.get("order")).toBe("asc");
  });

  it("gives a viewer the history but no follow-up action", async () => {
    stub("viewer");
    renderWithProviders(<OverduePage />, { route: "/collections/overdue" });
    const row = await screen.findByRole("row", { name: /Flat 1B · Residence Louise/ });
    expect(within(row).getByRole("link", { name: "Follow-ups — Flat 1B · Residence Louise" })).toBeInTheDocument();
    expect(within(row).queryByRole("link", { name: /Follow up —/ })).not.toBeInTheDocument();
  });

  it("marks a lease whose overdue rent the tenant's recurring payment is about to take", async () => {
    stub("accountant", "2026-12-04");
    renderWithProviders(<OverduePage />, { route: "/collections/overdue" });
    const row = await screen.findByRole("row", { name: /Flat 1B · Residence Louise/ });
    expect(row).toHaveTextContent("Recurring charge on 4 December 2026");
  });

  it("shows no recurring badge where no charge is coming", async () => {
    stub("accountant");
    renderWithProviders(<OverduePage />, { route: "/collections/overdue" });
    const row = await screen.findByRole("row", { name: /Flat 1B · Residence Louise/ });
    expect(row).not.toHaveTextContent("Recurring charge");
  });
});
