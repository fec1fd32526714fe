import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { page, staffMe } from "@/testing/fixtures";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import type { Invite } from "../api/list-invites";
import { InvitesPage } from "./InvitesPage";

function anInvite(overrides: Partial<Invite> = {}): Invite {
  return {
    id: "i1",
    first_name: "Ines",
    last_name: "Vitee",
    email: "ines@doorstep.example",
    flow_id: "f1",
    flow_name: "Move-in",
    tenant_id: null,
    lease_id: null,
    status: "pending",
    sent_at: "2026-12-01T09:00:00Z",
    expires_at: "2026-12-08T09:00:00Z",
    reminders_sent: 0,
    used_at: null,
    cancelled_at: null,
    steps_done: 0,
    steps_total: 3,
    created_at: "2026-12-01T09:00:00Z",
    ...overrides,
  };
}

const pending = anInvite();
const expired = anInvite({ id: "i2", first_name: "Eli", email: "eli@doorstep.example", status: "expired" });
const used = anInvite({ id: "i3", first_name: "Uma", email: "uma@doorstep.example", status: "used", steps_done: 3 });

function stub(role: Role) {
  return stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe(role)),
    "GET /api/v1/onboarding/invites": (request) => {
      const status = new URL(request.url).searchParams.get("status");
      return jsonResponse(page([pending, expired, used].filter((invite) => status === null || invite.status === status)));
    },
    "POST /api/v1/onboarding/invites/i1/cancel": () => jsonResponse({ ...pending, status: "cancelled", steps: [] }),
  });
}

describe("InvitesPage", () => {
  it("shows each invite's status and progress, with Resend for Pending or Expired and Cancel for Pending", async () => {
    stub("manager");
    renderWithProviders(<InvitesPage />, { route: "/customers/invites" });
    const table = await screen.findByRole("table", { name: "Onboarding Invites" });
    const rowOf = (name: RegExp) => within(table).getByRole("row", { name });
    expect(rowOf(/Ines Vitee/)).toHaveTextContent("Pending");
    expect(rowOf(/Ines Vitee/)).toHaveTextContent("0 of 3 steps");
    await waitFor(() => {
      expect(within(rowOf(/Ines Vitee/)).getByRole("button", { name: "Cancel the invite of Ines Vitee" })).toBeInTheDocument();
    });
    expect(within(rowOf(/Ines Vitee/)).getByRole("button", { name: "Resend the invite to Ines Vitee" })).toBeInTheDocument();
    expect(within(rowOf(/Eli Vitee/)).getByRole("button", { name: "Resend the invite to Eli Vitee" })).toBeInTheDocument();
    expect(within(rowOf(/Eli Vitee/)).queryByRole("button", { name: /^Cancel/ })).not.toBeInTheDocument();
    expect(within(rowOf(/Uma Vitee/)).queryAllByRole("button")).toEqual([]);
    expect(screen.getByRole("link", { name: "Invite User" })).toHaveAttribute("href", "/customers/invites/new");
  });

  it("filters by status through the API", async () => {
    const fetch = stub("viewer");
    const user = userEvent.setup();
    renderWithProviders(<InvitesPage />, { route: "/customers/invites" });
    await screen.findByRole("table", { name: "Onboarding Invites" });
    await user.selectOptions(screen.getByLabelText("Status"), "Used");
    await waitFor(() => {
      expect(screen.queryByRole("row", { name: /Ines Vitee/ })).not.toBeInTheDocument();
    });
    expect(screen.getByRole("row", { name: /Uma Vitee/ })).toBeInTheDocument();
    expect(fetch.mock.calls.some(([request]) => new URL(request.url).searchParams.get("status") === "used")).toBe(true);
    // A viewer changes nothing.
    expect(screen.queryByRole("link", { name: "Invite User" })).not.toBeInTheDocument();
  });

  it("cancels only after confirming", async () => {
    const fetch = stub("owner");
    const user = userEvent.setup();
    renderWithProviders(<InvitesPage />, { route: "/customers/invites" });
    await user.click(await screen.findByRole("button", { name: "Cancel the invite of Ines Vitee" }));
    const dialog = screen.getByRole("dialog", { name: "Cancel this invite?" });
    expect(dialog).toHaveTextContent("ines@doorstep.example");
    await user.click(within(dialog).getByRole("button", { name: "Keep it" }));
    expect(fetch.mock.calls.filter(([request]) => request.method === "POST")).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Cancel the invite of Ines Vitee" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Cancel the invite" }));
    expect(await screen.findByText("The invite was cancelled.")).toBeInTheDocument();
    expect(fetch.mock.calls.filter(([request]) => request.method === "POST").map(([request]) => new URL(request.url).pathname)).toEqual([
      "/api/v1/onboarding/invites/i1/cancel",
    ]);
  });
});
