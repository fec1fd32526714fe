import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it } from "vitest";
import { session } from "@/lib/api/client";
import { jsonResponse, stubApi, unauthorized } from "@doorstep/web-shared/testing/fake-api";
import { staffMe } from "@/testing/fixtures";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { preloadRoutes } from "@doorstep/web-shared/lib/lazy-route";
import { AppRoutes } from "./AppRoutes";

// Screens are loaded on first visit in the app; here they are all loaded up front, so each
// appears on its first render.
beforeAll(preloadRoutes, 120_000);

describe("agency app", () => {
  it("sends a guest to login, then back to the page asked for, inside the shell", async () => {
    const fetch = stubApi({
      "POST /api/v1/auth/staff/refresh": unauthorized,
      "POST /api/v1/auth/staff/login": () =>
        jsonResponse({ access_token: "t1", token_type: "bearer", expires_in: 900, refresh_token: "r1" }),
      "GET /api/v1/me": (request) =>
        request.headers.get("Authorization") === "Bearer t1" ? jsonResponse(staffMe("viewer")) : unauthorized(),
      "POST /api/v1/auth/staff/logout": () => new Response(null, { status: 204 }),
    });
    await expect(session.restore()).resolves.toBe("anonymous");
    const user = userEvent.setup();

    renderWithProviders(<AppRoutes />, { route: "/leases" });
    await user.type(await screen.findByLabelText("Email address"), "viewer@demo.doorstep.test");
    await user.type(screen.getByLabelText("Password"), "demo-viewer-pass");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("heading", { name: "Leases" })).toBeInTheDocument();
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(within(nav).getByRole("link", { name: "Leases" })).toHaveAttribute("aria-current", "page");
    expect(within(nav).getAllByRole("link").map((link) => link.getAttribute("href"))).toEqual([
      "/dashboard",
      "/properties",
      "/units",
      "/tenants",
      "/customers",
      "/leases",
      "/invoices",
      "/payments",
      "/approvals",
      "/collections",
      "/reconciliation",
      "/transfer-proofs",
      "/recurring-payments",
      "/messages",
      "/incidents",
      "/settings",
    ]);
    expect(await screen.findByText("Ann Peeters")).toBeInTheDocument();
    expect(screen.getByText("Viewer")).toBeInTheDocument();
    expect(screen.getByText("Demo Lettings")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Log out" }));
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(session.getSnapshot().status).toBe("anonymous");
    const logout = fetch.mock.calls.map(([request]) => request).find((request) => request.url.endsWith("/logout"));
    expect(logout?.headers.get("Authorization")).toBe("Bearer t1");
  });

  it("explains, and offers a retry, when the API cannot be reached", async () => {
    stubApi({
      "POST /api/v1/auth/staff/refresh": () => Promise.reject(new TypeError("Failed to fetch")),
    });
    await session.logout();
    await expect(session.restore()).resolves.toBe("unreachable");

    renderWithProviders(<AppRoutes />, { route: "/properties" });

    expect(screen.getByRole("heading", { name: "Can't reach Doorstep" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});
