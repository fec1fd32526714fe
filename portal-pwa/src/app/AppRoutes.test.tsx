import { onlineManager } from "@tanstack/react-query";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { session } from "@/lib/api/client";
import type * as persistence from "@/lib/query-persistence";
import { jsonResponse, stubApi, unauthorized } from "@doorstep/web-shared/testing/fake-api";
import { endedLease, lease, tenantProfile } from "@/testing/fixtures";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { leaseQueryOptions } from "@/features/leases/api/get-my-lease";
import { myLeasesQueryOptions } from "@/features/leases/api/get-my-leases";
import { meQueryOptions } from "@/lib/auth/me";
import { preloadRoutes } from "@doorstep/web-shared/lib/lazy-route";
import { AppRoutes } from "./AppRoutes";

// Screens are loaded on first visit in the app; here they are all loaded up front, so each
// appears on its first render.
beforeAll(preloadRoutes, 120_000);

const saved = vi.hoisted(() => ({ hasData: false }));
vi.mock("@/lib/query-persistence", async (importOriginal) => ({
  ...(await importOriginal<typeof persistence>()),
  hasSavedData: () => Promise.resolve(saved.hasData),
}));

const tess = tenantProfile();

function networkDown() {
  vi.stubGlobal("fetch", vi.fn(() => Promise.reject(new TypeError("Failed to fetch"))));
  onlineManager.setOnline(false);
}

describe("start-up without network", () => {
  beforeEach(async () => {
    networkDown();
    await session.logout();
  });
  afterEach(() => {
    onlineManager.setOnline(true);
  });

  it("shows the saved screens read-only instead of the login page", async () => {
    saved.hasData = true;
    await expect(session.restore()).resolves.toBe("offline");

    const { queryClient } = renderWithProviders(<AppRoutes />, { route: "/" });
    queryClient.setQueryData(meQueryOptions().queryKey, tess);
    queryClient.setQueryData(myLeasesQueryOptions().queryKey, [lease()]);

    expect(await screen.findByRole("heading", { name: "Hello, Tess" })).toBeInTheDocument();
    expect(screen.getByText("Your letting agency: Demo Lettings")).toBeInTheDocument();
    const leases = screen.getByRole("region", { name: "My leases" });
    expect(within(leases).getByText("Residence Louise")).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent(/You are offline/);
    expect(screen.queryByRole("heading", { name: "Sign in" })).not.toBeInTheDocument();
  });

  it("opens a saved lease and the profile, with changes turned off", async () => {
    saved.hasData = true;
    await session.restore();
    const user = userEvent.setup();
    const { queryClient } = renderWithProviders(<AppRoutes />, { route: "/" });
    queryClient.setQueryData(meQueryOptions().queryKey, tess);
    // As the list query leaves it: the detail entry is seeded from the list.
    queryClient.setQueryData(myLeasesQueryOptions().queryKey, [lease()]);
    queryClient.setQueryData(leaseQueryOptions(lease().id).queryKey, lease());

    await user.click(await screen.findByRole("link", { name: "Residence Louise, Flat 1A" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Residence Louise" })).toBeInTheDocument();
    expect(screen.getByText("On the 1st of each month")).toBeInTheDocument();

    const account = screen.getByRole("navigation", { name: "Account" });
    await user.click(within(account).getByRole("link", { name: "Profile" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Profile" })).toBeInTheDocument();
    expect(screen.getByLabelText("Phone number")).toBeDisabled();
    expect(screen.getByRole("button", { name: "Save phone number" })).toBeDisabled();
  });

  it("offers to try again when nothing is saved", async () => {
    saved.hasData = false;
    await expect(session.restore()).resolves.toBe("unreachable");

    renderWithProviders(<AppRoutes />, { route: "/" });

    expect(screen.getByRole("heading", { name: "Can't reach Doorstep" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});

describe("start-up with an ended session", () => {
  it("goes to the login page even with saved data, and signs in", async () => {
    saved.hasData = true;
    stubApi({
      "POST /api/v1/auth/tenant/refresh": unauthorized,
      "POST /api/v1/auth/tenant/login": () =>
        jsonResponse({ access_token: "t1", token_type: "bearer", expires_in: 900, refresh_token: "r1" }),
      "GET /api/v1/portal/me": (request) =>
        request.headers.get("Authorization") === "Bearer t1" ? jsonResponse(tess) : unauthorized(),
    });
    await expect(session.restore()).resolves.toBe("anonymous");
    const user = userEvent.setup();

    renderWithProviders(<AppRoutes />, { route: "/" });
    await user.type(await screen.findByLabelText("Email"), "tenant@demo.doorstep.test");
    await user.type(screen.getByLabelText("Password"), "demo-tenant-pass");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("heading", { name: "Hello, Tess" })).toBeInTheDocument();
    expect(screen.queryByText(/You are offline/)).not.toBeInTheDocument();
  });
});

describe("signed in", () => {
  beforeEach(() => {
    session.signIn({ access_token: "t1", expires_in: 900 });
  });

  it("lists the leases, opens one, and updates the phone number from the profile", async () => {
    const flat = lease({
      tenants: [
        ...lease().tenants,
        { id: "7d1f0b6e-0000-4000-8000-000000000008", first_name: "Noah", last_name: "Neighbour" },
      ],
    });
    const fetch = stubApi({
      "GET /api/v1/portal/me": () => jsonResponse(tess),
      "GET /api/v1/portal/leases": () => jsonResponse({ items: [flat, endedLease()], next_cursor: null }),
      "GET /api/v1/portal/leases/5a7c0e2d-0000-4000-8000-000000000101": () => jsonResponse(flat),
      "PATCH /api/v1/portal/me": () => jsonResponse({ ...tess, phone: "+32470999999", phone_display: "0470 99 99 99" }),
    });
    const user = userEvent.setup();
    renderWithProviders(<AppRoutes />, { route: "/" });

    expect(await screen.findByRole("heading", { level: 1, name: "Hello, Tess" })).toBeInTheDocument();
    const nextDue = await screen.findByRole("region", { name: "Next rent due" });
    expect(nextDue).toHaveTextContent("€950.00");
    const leases = screen.getByRole("region", { name: "My leases" });
    expect(within(leases).getAllByRole("article")).toHaveLength(2);
    expect(within(leases).getByText("Maison Flagey")).toBeInTheDocument();
    expect(screen.queryByText(/You are offline/)).not.toBeInTheDocument();

    await user.click(within(leases).getByRole("link", { name: "Residence Louise, Flat 1A" }));
    const detail = await screen.findByRole("article", { name: "Residence Louise" });
    expect(within(detail).getByText("Monthly")).toBeInTheDocument();
    expect(within(detail).getByText("Tess Janssens (you)")).toBeInTheDocument();
    expect(within(detail).getByText("Noah Neighbour")).toBeInTheDocument();
    expect(within(detail).getByText("Demo Lettings")).toBeInTheDocument();
    expect(within(detail).getByText("No end date")).toBeInTheDocument();

    await user.click(within(screen.getByRole("navigation", { name: "Account" })).getByRole("link", { name: "Profile" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Profile" })).toBeInTheDocument();
    expect(screen.getByText("tenant@demo.doorstep.test")).toBeInTheDocument();
    const phone = screen.getByLabelText("Phone number");
    await user.clear(phone);
    await user.type(phone, "0470 99 99 99");
    await user.click(screen.getByRole("button", { name: "Save phone number" }));
    expect(await screen.findByText("Your phone number has been saved.")).toBeInTheDocument();
    expect(phone).toHaveValue("0470 99 99 99");
    const patch = fetch.mock.calls.map(([request]) => request).find((request) => request.method === "PATCH");
    expect(patch?.headers.get("Authorization")).toBe("Bearer t1");
  });

  it("shows an empty state when the tenant has no lease", async () => {
    stubApi({
      "GET /api/v1/portal/me": () => jsonResponse(tess),
      "GET /api/v1/portal/leases": () => jsonResponse({ items: [], next_cursor: null }),
    });
    renderWithProviders(<AppRoutes />, { route: "/" });
    const leases = await screen.findByRole("region", { name: "My leases" });
    expect(leases).toHaveTextContent("No leases yet");
    expect(screen.queryByRole("region", { name: "Next rent due" })).not.toBeInTheDocument();
  });

  it("says so when a lease is not the tenant's", async () => {
    stubApi({
      "GET /api/v1/portal/me": () => jsonResponse(tess),
      "GET /api/v1/portal/leases/nope": () => jsonResponse({ title: "Not Found", status: 404 }, 404),
    });
    renderWithProviders(<AppRoutes />, { route: "/leases/nope" });
    expect(await screen.findByRole("heading", { level: 1, name: "Lease not found" })).toBeInTheDocument();
  });
});
