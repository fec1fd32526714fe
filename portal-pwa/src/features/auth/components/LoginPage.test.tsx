import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { session } from "@/lib/api/client";
import { renderWithProviders } from "@/testing/render";
import { LoginPage } from "./LoginPage";

function problem(status: number, body: Record<string, unknown>) {
  return new Response(JSON.stringify({ status, ...body }), {
    status,
    headers: { "Content-Type": "application/problem+json" },
  });
}

function renderLogin() {
  return renderWithProviders(
    <Routes>
      <Route path="/login" element={<LoginPage />} />
    </Routes>,
    { route: "/login" },
  );
}

async function fillAndSubmit(email: string, password: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText("Email"), email);
  await user.type(screen.getByLabelText("Password"), password);
  await user.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("LoginPage", () => {
  beforeEach(async () => {
    await session.logout().catch(() => undefined);
  });

  it("has labelled inputs", () => {
    vi.stubGlobal("fetch", vi.fn());
    renderLogin();
    expect(screen.getByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toHaveAttribute("autocomplete", "username");
    expect(screen.getByLabelText("Password")).toHaveAttribute("type", "password");
  });

  it("shows the API's field errors on the fields", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() =>
        Promise.resolve(
          problem(422, { title: "Invalid input", errors: [{ field: "body.email", message: "Not a valid email." }] }),
        ),
      ),
    );
    renderLogin();
    await fillAndSubmit("nope@x", "secret");
    const email = screen.getByLabelText("Email");
    expect(await screen.findByText("Not a valid email.")).toBeInTheDocument();
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveAccessibleDescription("Not a valid email.");
    expect(screen.getByRole("alert")).toHaveTextContent("Please correct the highlighted fields.");
  });

  it("says so when the credentials are wrong", async () => {
    vi.stubGlobal("fetch", vi.fn(() => Promise.resolve(problem(401, { title: "Unauthorized", detail: "Bad credentials" }))));
    renderLogin();
    await fillAndSubmit("tenant@demo.doorstep.test", "wrong");
    expect(await screen.findByRole("alert")).toHaveTextContent("The email address or password is incorrect.");
    expect(session.getAccessToken()).toBeNull();
  });

  it("signs in and keeps the token in memory only", async () => {
    const fetch = vi.fn((request: Request) => {
      expect(request.url).toBe("http://localhost/api/v1/auth/tenant/login");
      expect(request.credentials).toBe("include");
      return Promise.resolve(
        Response.json({ access_token: "t1", token_type: "bearer", expires_in: 900, refresh_token: "r1" }),
      );
    });
    vi.stubGlobal("fetch", fetch);
    renderLogin();
    await fillAndSubmit("tenant@demo.doorstep.test", "demo-tenant-pass");
    await vi.waitFor(() => {
      expect(session.getAccessToken()).toBe("t1");
    });
    expect(fetch).toHaveBeenCalledOnce();
    expect(session.getAccessToken()).toBe("t1");
    expect(JSON.stringify(localStorage)).not.toContain("t1");
  });
});
