import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { staffMe } from "@/testing/fixtures";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import type { PortalAccess } from "../api/portal-access";
import { PortalAccessCard } from "./PortalAccessCard";
import { portalAccessAction, portalInviteOffer } from "./portal-access-state";

const URL = "/api/v1/tenants/t1/portal-access";
const enabled: PortalAccess = { tenant_id: "t1", status: "enabled", disabled_at: null, history: [] };
const disabled: PortalAccess = {
  tenant_id: "t1",
  status: "disabled",
  disabled_at: "2026-11-23T09:00:00Z",
  history: [{ action: "disabled", at: "2026-11-23T09:00:00Z", by_staff_id: "s1", by_name: "Mia Manager" }],
};

describe("portalAccessAction", () => {
  it("offers turning off, on, or nothing", () => {
    expect(portalAccessAction(enabled, true)).toBe("disable");
    expect(portalAccessAction(disabled, true)).toBe("enable");
    expect(portalAccessAction({ ...enabled, status: "no_account" }, true)).toBeNull();
    expect(portalAccessAction(enabled, false)).toBeNull();
  });
});

describe("portalInviteOffer", () => {
  it("offers an invite only to a tenant without an account, and says when they have one", () => {
    expect(portalInviteOffer({ has_portal_account: false }, true)).toBe("invite");
    expect(portalInviteOffer({ has_portal_account: true }, true)).toBe("has-account");
    expect(portalInviteOffer({ has_portal_account: false }, false)).toBeNull();
  });
});

describe("PortalAccessCard", () => {
  it("turns access off only after confirming, and shows who did it", async () => {
    const fetch = stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
      [`GET ${URL}`]: () => jsonResponse(enabled),
      [`PUT ${URL}`]: async (request) => {
        expect(await request.json()).toEqual({ enabled: false });
        return jsonResponse(disabled);
      },
    });
    renderWithProviders(<PortalAccessCard tenantId="t1" tenantName="Tara Tenant" />);
    const user = userEvent.setup();
    expect(await screen.findByText("On: the tenant can sign in to the portal.")).toBeInTheDocument();
    await user.click(await screen.findByRole("button", { name: "Turn portal access off" }));
    expect(screen.getByText(/Turn off Tara Tenant's portal access\?/)).toBeInTheDocument();
    expect(fetch.mock.calls.some(([request]) => request.method === "PUT")).toBe(false);
    await user.click(screen.getByRole("button", { name: "Yes, turn it off" }));
    expect(await screen.findByText(/Turned off by Mia Manager/)).toBeInTheDocument();
    expect(screen.getByText(/Off since/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Turn portal access on" })).toBeInTheDocument();
  });

  it("offers no change to a viewer", async () => {
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("viewer")),
      [`GET ${URL}`]: () => jsonResponse(disabled),
    });
    renderWithProviders(<PortalAccessCard tenantId="t1" tenantName="Tara Tenant" />);
    expect(await screen.findByText(/Turned off by Mia Manager/)).toBeInTheDocument();
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });
});
