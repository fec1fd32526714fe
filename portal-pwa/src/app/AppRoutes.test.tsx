import { onlineManager } from "@tanstack/react-query";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { session } from "@/lib/api/client";
import type * as persistence from "@/lib/query-persistence";
import { jsonResponse, stubApi, unauthorized } from "@/testing/fake-api";
import { tenantProfile } from "@/testing/fixtures";
import { renderWithProviders } from "@/testing/render";
import { AppRoutes } from "./AppRoutes";

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
    queryClient.setQueryData(["portal", "me"], tess);

    expect(await screen.findByRole("heading", { name: "Hello, Tess" })).toBeInTheDocument();
    expect(screen.getByText("Your letting agency: Demo Lettings")).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent(/You are offline/);
    expect(screen.queryByRole("heading", { name: "Sign in" })).not.toBeInTheDocument();
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
    await user.type(await screen.findByLabelText("Email address"), "tenant@demo.doorstep.test");
    await user.type(screen.getByLabelText("Password"), "demo-tenant-pass");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("heading", { name: "Hello, Tess" })).toBeInTheDocument();
    expect(screen.queryByText(/You are offline/)).not.toBeInTheDocument();
  });
});
