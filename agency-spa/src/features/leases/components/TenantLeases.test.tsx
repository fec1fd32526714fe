import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { aLease, page, staffMe } from "@/testing/fixtures";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { TenantLeases } from "./TenantLeases";

describe("TenantLeases", () => {
  it("lists every lease of the tenant and warns when there is more than one", async () => {
    const fetch = stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
      "GET /api/v1/leases": () =>
        jsonResponse(
          page([
            aLease({ id: "l1", status: "active" }),
            aLease({
              id: "l2",
              status: "ended",
              unit: { id: "u2", name: "Flat 2B", property_id: "p2", property_name: "Quai 9", address: "Quai 9, 4000 Liège" },
              next_due_date: null,
            }),
          ]),
        ),
    });
    renderWithProviders(<TenantLeases tenantId="t1" tenantName="Tess Tenant" />);

    const warning = await screen.findByText(/Tess Tenant is on 2 leases \(1 draft or active\)/);
    expect(warning).toHaveTextContent("confirm which lease it is for");
    const table = screen.getByRole("table", { name: "Leases of Tess Tenant" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[1]!).getByRole("link", { name: "Flat 2B · Quai 9" })).toHaveAttribute("href", "/leases/l2");
    expect(rows[1]).toHaveTextContent("Quai 9, 4000 Liège");
    expect(rows[1]).toHaveTextContent("Ended");
    expect(screen.getByRole("link", { name: "New lease for this tenant" })).toHaveAttribute("href", "/leases/new?tenant_id=t1");
    const url = new URL(fetch.mock.calls.find(([request]) => request.url.includes("/leases"))![0].url);
    expect(url.searchParams.get("tenant_id")).toBe("t1");
  });

  it("does not warn for a single lease", async () => {
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("viewer")),
      "GET /api/v1/leases": () => jsonResponse(page([aLease()])),
    });
    renderWithProviders(<TenantLeases tenantId="t1" tenantName="Tess Tenant" />);
    await screen.findByRole("table");
    expect(screen.queryByText(/is on/)).not.toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "New lease for this tenant" })).not.toBeInTheDocument();
  });
});
