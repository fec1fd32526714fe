import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { createApiClient } from "../../../lib/api/create-client";
import { jsonResponse, stubApi } from "../../../testing/fake-api";
import { renderWithProviders } from "../../../testing/render";
import { ResetPasswordPage } from "./ResetPasswordPage";

const LINK = "/api/v1/auth/tenant/password-reset/tok123";
const OPEN = { email: "tara@example.com", agency_name: "Acme Lettings", expires_at: "2026-11-23T10:00:00Z" };

function renderPage() {
  const api = createApiClient({ baseUrl: "http://localhost" });
  renderWithProviders(
    <Routes>
      <Route path="/reset-password/:token" element={<ResetPasswordPage api={api} audience="tenant" token="tok123" />} />
    </Routes>,
    { route: "/reset-password/tok123" },
  );
}

async function choose(password: string, confirmation: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText("New password"), password);
  await user.type(screen.getByLabelText("Repeat the new password"), confirmation);
  await user.click(screen.getByRole("button", { name: "Save the new password" }));
}

describe("ResetPasswordPage", () => {
  it("says whose account the link is for, and checks the two entries before asking the API", async () => {
    const fetch = stubApi({ [`GET ${LINK}`]: () => jsonResponse(OPEN) });
    renderPage();
    expect(await screen.findByText(/For tara@example.com at Acme Lettings/)).toBeInTheDocument();
    await choose("short", "other");
    expect(screen.getByText("Use at least 10 characters.")).toBeInTheDocument();
    expect(screen.getByText("The two passwords differ.")).toBeInTheDocument();
    expect(fetch).toHaveBeenCalledOnce();
  });

  it("saves the new password and leads to the login", async () => {
    const fetch = stubApi({
      [`GET ${LINK}`]: () => jsonResponse(OPEN),
      [`POST ${LINK}`]: async (request) => {
        expect(await request.json()).toEqual({ password: "quiet orchard lantern" });
        return new Response(null, { status: 204 });
      },
    });
    renderPage();
    await choose("quiet orchard lantern", "quiet orchard lantern");
    expect(await screen.findByRole("status")).toHaveTextContent("Your password has been changed.");
    expect(screen.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/login");
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("shows the policy's refusal on the password", async () => {
    stubApi({
      [`GET ${LINK}`]: () => jsonResponse(OPEN),
      [`POST ${LINK}`]: () =>
        jsonResponse(
          {
            type: "urn:doorstep:problem:weak-password",
            title: "Choose a stronger password",
            status: 422,
            errors: [{ field: "password", message: "This password is too easy to guess." }],
          },
          422,
        ),
    });
    renderPage();
    await choose("password1234", "password1234");
    expect(await screen.findByText("This password is too easy to guess.")).toBeInTheDocument();
    expect(screen.getByLabelText("New password")).toHaveAttribute("aria-invalid", "true");
  });

  it.each([
    ["urn:doorstep:problem:account-link-used", 410, "This link has already been used"],
    ["urn:doorstep:problem:account-link-expired", 410, "This link has expired"],
    ["urn:doorstep:problem:not-found", 404, "This link does not work"],
  ])("a dead link (%s) says so and offers a new one", async (type, status, title) => {
    stubApi({ [`GET ${LINK}`]: () => jsonResponse({ type, title: "x", status }, status) });
    renderPage();
    expect(await screen.findByRole("heading", { name: title })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/forgot-password");
  });
});
