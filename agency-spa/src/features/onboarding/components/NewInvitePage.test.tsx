import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { aLease, aTenant, page, staffMe } from "@/testing/fixtures";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import type { Flow } from "../api/list-flows";
import { NewInvitePage } from "./NewInvitePage";

const tenant = aTenant({ id: "t1", first_name: "Lena", last_name: "Lease", email: "lena@doorstep.example", has_portal_account: false });
const lease = aLease({ id: "l1", status: "active" });
const flow: Flow = {
  id: "f1",
  name: "Portal access",
  steps: [
    {
      position: 1,
      task: {
        id: "k1",
        name: "House rules",
        kind: "read_and_accept",
        is_onboarding: true,
        fields: [],
        document_label: null,
        text: "Be kind.",
        text_version: 1,
        description: null,
        archived: false,
        created_at: "2026-12-01T09:00:00Z",
      },
    },
  ],
  has_payment_steps: false,
  has_recurring_steps: false,
  archived: false,
  created_at: "2026-12-01T09:00:00Z",
};

const sent: unknown[] = [];

function stub(record = tenant) {
  sent.length = 0;
  return stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
    "GET /api/v1/onboarding/flows": () => jsonResponse(page([flow])),
    "GET /api/v1/tenants/t1": () => jsonResponse(record),
    "GET /api/v1/leases/l1": () => jsonResponse(lease),
    "POST /api/v1/onboarding/invites": async (request) => {
      const body = (await request.json()) as object;
      sent.push(body);
      return jsonResponse({ id: "i1", ...body }, 201);
    },
  });
}

describe("NewInvitePage from a lease's page", () => {
  it("is filled in from the tenant record and sends the record and the lease with the invite", async () => {
    stub();
    const user = userEvent.setup();
    renderWithProviders(<NewInvitePage />, { route: "/customers/invites/new?tenant=t1&lease=l1" });
    await waitFor(() => {
      expect(screen.getByLabelText(/First name/)).toHaveValue("Lena");
    });
    expect(screen.getByLabelText(/Last name/)).toHaveValue("Lease");
    expect(screen.getByLabelText(/E-mail|Email/)).toHaveValue("lena@doorstep.example");
    expect(await screen.findByText(/They join the lease Flat 1A · Residence Louise/)).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText(/flow/i), "Portal access");
    await user.click(screen.getByRole("button", { name: /Send/ }));
    await waitFor(() => {
      expect(sent).toHaveLength(1);
    });
    expect(sent[0]).toEqual({
      first_name: "Lena",
      last_name: "Lease",
      email: "lena@doorstep.example",
      flow_id: "f1",
      lease_id: "l1",
      payment_amounts: [],
      tenant_id: "t1",
      readiness_override: null,
    });
  });

  it("says a tenant with an account signs in instead, and offers no form", async () => {
    stub({ ...tenant, has_portal_account: true });
    renderWithProviders(<NewInvitePage />, { route: "/customers/invites/new?tenant=t1" });
    expect(await screen.findByText(/Lena Lease already has a portal account/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Send/ })).not.toBeInTheDocument();
  });

  it("shows the refusal of a tenant who has an account next to the e-mail field", async () => {
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
      "GET /api/v1/onboarding/flows": () => jsonResponse(page([flow])),
      "POST /api/v1/onboarding/invites": () =>
        jsonResponse(
          {
            type: "urn:doorstep:problem:tenant-has-portal-account",
            title: "This tenant already has a portal account",
            status: 409,
            detail: "This e-mail address already belongs to a tenant with a portal account at your agency.",
            errors: [],
          },
          409,
        ),
    });
    const user = userEvent.setup();
    renderWithProviders(<NewInvitePage />, { route: "/customers/invites/new" });
    await user.type(await screen.findByLabelText(/First name/), "Mira");
    await user.type(screen.getByLabelText(/Last name/), "Member");
    await user.type(screen.getByLabelText(/E-mail|Email/), "mira@doorstep.example");
    await user.selectOptions(screen.getByLabelText(/flow/i), "Portal access");
    await user.click(screen.getByRole("button", { name: /Send/ }));
    const email = screen.getByLabelText(/E-mail|Email/);
    await waitFor(() => {
      expect(email).toHaveAttribute("aria-invalid", "true");
    });
    expect(email).toHaveAccessibleDescription(/belongs to a tenant who already has a portal account/);
  });
});

describe("NewInvitePage from the page of a tenant on several leases", () => {
  const leases = [
    { id: "l1", status: "active", unit_name: "Flat 1A", property_name: "Residence Louise", start_date: "2026-01-01", end_date: null },
    { id: "l2", status: "active", unit_name: "Parking 7", property_name: "Residence Louise", start_date: "2026-03-01", end_date: null },
  ];
  const item = (key: string, status: string, code: string, params: Record<string, string | number> = {}) => ({
    key,
    status,
    code,
    message: code,
    params,
    fix: null,
  });

  function stubSeveral() {
    const reviewed: (string | null)[] = [];
    sent.length = 0;
    const routes = stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
      "GET /api/v1/onboarding/flows": () => jsonResponse(page([flow])),
      "GET /api/v1/tenants/t1": () => jsonResponse(tenant),
      "GET /api/v1/tenants/t1/readiness": (request) => {
        const leaseId = new URL(request.url).searchParams.get("lease_id");
        reviewed.push(leaseId);
        const chosen = leases.find((lease) => lease.id === leaseId);
        return jsonResponse({
          purpose: "invite",
          tenant_id: "t1",
          lease_id: chosen?.id ?? null,
          leases,
          blocking: chosen === undefined,
          items:
            chosen === undefined
              ? [item("lease", "blocking", "lease.several", { count: 2 })]
              : [item("lease", "ok", "lease.ok", { unit: chosen.unit_name, property: chosen.property_name, start_date: chosen.start_date })],
        });
      },
      "POST /api/v1/onboarding/invites": async (request) => {
        const body = (await request.json()) as object;
        sent.push(body);
        return jsonResponse({ id: "i1", ...body }, 201);
      },
    });
    return { routes, reviewed };
  }

  it("asks which lease the invite is for, reviews that one and sends it with the invite", async () => {
    const { reviewed } = stubSeveral();
    const user = userEvent.setup();
    renderWithProviders(<NewInvitePage />, { route: "/customers/invites/new?tenant=t1" });
    expect(await screen.findByText("The tenant is on 2 active leases: choose the one this is for.")).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText(/flow/i), "Portal access");
    const send = screen.getByRole("button", { name: /Send/ });
    expect(send).toBeDisabled();

    await user.selectOptions(screen.getByRole("combobox", { name: /Lease this is for/u }), "l2");
    expect(await screen.findByText(/Lease of Parking 7, Residence Louise/u)).toBeInTheDocument();
    expect(reviewed).toContain("l2");
    await waitFor(() => {
      expect(send).toBeEnabled();
    });
    await user.click(send);
    await waitFor(() => {
      expect(sent).toHaveLength(1);
    });
    expect(sent[0]).toMatchObject({ tenant_id: "t1", lease_id: "l2", readiness_override: null });
  });
});
