import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { createApiClient } from "../../../lib/api/create-client";
import { createSession } from "../../../lib/auth/session";
import { jsonResponse, stubApi } from "../../../testing/fake-api";
import { renderWithProviders } from "../../../testing/render";
import { AccountSecurity } from "./AccountSecurity";

function renderSecurity() {
  const api = createApiClient({ baseUrl: "http://localhost" });
  const session = createSession(createApiClient({ baseUrl: "http://localhost" }), { audience: "tenant" });
  session.signIn({ access_token: "t1", expires_in: 900 });
  renderWithProviders(<AccountSecurity api={api} session={session} email="tara@example.com" />);
  return session;
}

describe("AccountSecurity", () => {
  it("changes the password with the current one, and words a wrong current password itself", async () => {
    let attempts = 0;
    stubApi({
      "POST /api/v1/portal/me/password": async (request) => {
        attempts += 1;
        const body = (await request.json()) as { current_password: string; new_password: string };
        expect(body.new_password).toBe("quiet orchard lantern");
        if (body.current_password !== "right one here") {
          return jsonResponse(
            {
              type: "urn:doorstep:problem:wrong-current-password",
              title: "x",
              status: 422,
              errors: [{ field: "current_password", message: "English detail" }],
            },
            422,
          );
        }
        return new Response(null, { status: 204 });
      },
    });
    renderSecurity();
    const user = userEvent.setup();
    const form = screen.getByRole("region", { name: "Change password" });
    const current = screen.getAllByLabelText("Current password")[0];
    if (current === undefined) throw new Error("no current password field");
    await user.type(current, "wrong guess");
    await user.type(screen.getByLabelText("New password"), "quiet orchard lantern");
    await user.type(screen.getByLabelText("Repeat the new password"), "quiet orchard lantern");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("This is not your current password.")).toBeInTheDocument();
    expect(current).toHaveAttribute("aria-invalid", "true");

    await user.clear(current);
    // The refusal was about the password typed before.
    expect(screen.queryByText("This is not your current password.")).not.toBeInTheDocument();
    expect(current).not.toHaveAttribute("aria-invalid", "true");
    await user.type(current, "right one here");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText(/Your other devices have been signed out/)).toBeInTheDocument();
    expect(attempts).toBe(2);
    expect(form).toBeInTheDocument();
  });

  it("drops the new password's problems as soon as the input they are about changes", async () => {
    stubApi({});
    renderSecurity();
    const user = userEvent.setup();
    const password = screen.getByLabelText("New password");
    const repeat = screen.getByLabelText("Repeat the new password");
    await user.type(password, "short");
    await user.type(repeat, "other");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(password).toHaveAttribute("aria-invalid", "true");
    expect(repeat).toHaveAttribute("aria-invalid", "true");

    await user.type(repeat, "x");
    expect(repeat).not.toHaveAttribute("aria-invalid", "true");
    expect(password).toHaveAttribute("aria-invalid", "true");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(repeat).toHaveAttribute("aria-invalid", "true");

    // Whether the two agree is about both.
    await user.type(password, "er");
    expect(password).not.toHaveAttribute("aria-invalid", "true");
    expect(repeat).not.toHaveAttribute("aria-invalid", "true");
  });

  it("asks for confirmation before signing out everywhere, then forgets the session", async () => {
    const fetch = stubApi({
      "POST /api/v1/portal/me/sign-out-everywhere": () => new Response(null, { status: 204 }),
      "POST /api/v1/auth/tenant/logout": () => new Response(null, { status: 204 }),
    });
    const session = renderSecurity();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Sign out everywhere" }));
    expect(fetch).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Yes, sign out everywhere" }));
    await vi.waitFor(() => {
      expect(session.getSnapshot().status).toBe("anonymous");
    });
    expect(fetch.mock.calls.map(([request]) => new URL(request.url).pathname)).toEqual([
      "/api/v1/portal/me/sign-out-everywhere",
      "/api/v1/auth/tenant/logout",
    ]);
  });

  it("sends the new address with the password and says where the link went", async () => {
    stubApi({
      "POST /api/v1/portal/me/email-change": async (request) => {
        expect(await request.json()).toEqual({ new_email: "new@example.com", current_password: "right one here" });
        return jsonResponse({ detail: "sent" }, 202);
      },
    });
    renderSecurity();
    const user = userEvent.setup();
    expect(screen.getByText("Current address: tara@example.com")).toBeInTheDocument();
    await user.type(screen.getByLabelText("New email address"), "new@example.com");
    const password = screen.getAllByLabelText("Current password")[1];
    if (password === undefined) throw new Error("no password field");
    await user.type(password, "right one here");
    await user.click(screen.getByRole("button", { name: "Send a confirmation link" }));
    expect(await screen.findByText(/We sent a confirmation link to new@example.com/)).toBeInTheDocument();
  });
});
