import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { beforeEach, describe, expect, it } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { session } from "@/lib/api/client";
import { InviteLinkPage } from "./InviteLinkPage";

const TOKEN = "inv_0123456789abcdefghij";
const LINK = `/api/v1/invites/${TOKEN}`;

function problem(status: number, slug: string) {
  return jsonResponse({ type: `urn:doorstep:problem:${slug}`, title: slug, status, detail: "An English detail", errors: [] }, status);
}

const INVITE = {
  first_name: "Ines",
  last_name: "Vitee",
  email: "ines@doorstep.example",
  agency_name: "Demo Lettings",
  agency_locale: "nl-BE",
  agency_timezone: "Europe/Brussels",
  expires_at: "2026-12-08T09:00:00Z",
};

function renderPage() {
  return renderWithProviders(
    <Routes>
      <Route path="/" element={<InviteLinkPage token={TOKEN} locale="en-GB" />} />
      <Route path="/onboarding" element={<h1>Onboarding steps</h1>} />
    </Routes>,
  );
}

beforeEach(async () => {
  await session.logout(); // the invitee has no account yet
});

describe("InviteLinkPage", () => {
  it("sets the password (checked first), signs in and goes on to the steps", async () => {
    const fetch = stubApi({
      [`GET ${LINK}`]: () => jsonResponse(INVITE),
      [`POST ${LINK}/accept`]: async (request) => {
        expect(await request.json()).toEqual({ password: "a long enough password" });
        return jsonResponse({ access_token: "access-1", token_type: "bearer", expires_in: 900, refresh_token: "r" });
      },
    });
    const user = userEvent.setup();
    renderPage();

    expect(await screen.findByRole("heading", { level: 1, name: "Welcome to Demo Lettings" })).toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toHaveValue("ines@doorstep.example");
    await user.type(screen.getByLabelText("New password"), "short");
    await user.type(screen.getByLabelText("Repeat the password"), "other");
    await user.click(screen.getByRole("button", { name: "Create my account" }));
    expect(screen.getByText("Use at least 10 characters.")).toBeInTheDocument();
    expect(screen.getByText("The two passwords are not the same.")).toBeInTheDocument();
    expect(fetch.mock.calls.filter(([request]) => request.method === "POST")).toHaveLength(0);

    // Each goes as soon as what it is about changes: the repeat, then the password (both).
    await user.type(screen.getByLabelText("Repeat the password"), "!");
    expect(screen.queryByText("The two passwords are not the same.")).not.toBeInTheDocument();
    expect(screen.getByText("Use at least 10 characters.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Create my account" }));
    await user.type(screen.getByLabelText("New password"), "!");
    expect(screen.queryByText("Use at least 10 characters.")).not.toBeInTheDocument();
    expect(screen.queryByText("The two passwords are not the same.")).not.toBeInTheDocument();

    await user.clear(screen.getByLabelText("New password"));
    await user.type(screen.getByLabelText("New password"), "a long enough password");
    await user.clear(screen.getByLabelText("Repeat the password"));
    await user.type(screen.getByLabelText("Repeat the password"), "a long enough password");
    await user.click(screen.getByRole("button", { name: "Create my account" }));
    expect(await screen.findByRole("heading", { name: "Onboarding steps" })).toBeInTheDocument();
    expect(session.getAccessToken()).toBe("access-1");
  });

  it("keeps the language the invitee picked on this page as theirs", async () => {
    localStorage.setItem("doorstep.language", "nl"); // what the page's language switcher stores
    let sent: unknown;
    stubApi({
      [`GET ${LINK}`]: () => jsonResponse(INVITE),
      [`POST ${LINK}/accept`]: async (request) => {
        sent = await request.json();
        return jsonResponse({ access_token: "access-2", token_type: "bearer", expires_in: 900, refresh_token: "r" });
      },
    });
    const user = userEvent.setup();
    renderPage();
    await screen.findByRole("heading", { level: 1, name: "Welcome to Demo Lettings" });
    await user.type(screen.getByLabelText("New password"), "a long enough password");
    await user.type(screen.getByLabelText("Repeat the password"), "a long enough password");
    await user.click(screen.getByRole("button", { name: "Create my account" }));
    expect(await screen.findByRole("heading", { name: "Onboarding steps" })).toBeInTheDocument();
    expect(sent).toEqual({ password: "a long enough password", language: "nl" });
    localStorage.clear();
  });

  it.each([
    ["invite-link-used", "This invitation has already been used"],
    ["invite-link-cancelled", "This invitation was cancelled"],
    ["invite-link-expired", "This invitation has expired"],
  ])("explains a dead link (%s) in the reader's language", async (slug, title) => {
    stubApi({ [`GET ${LINK}`]: () => problem(410, slug) });
    renderPage();
    expect(await screen.findByRole("heading", { level: 1, name: title })).toBeInTheDocument();
    expect(screen.queryByLabelText("New password")).not.toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Sign in" }) !== null).toBe(slug === "invite-link-used");
  });

  it("sends one whose account another invite made since to the sign-in page", async () => {
    stubApi({
      [`GET ${LINK}`]: () => jsonResponse(INVITE),
      [`POST ${LINK}/accept`]: () => problem(409, "tenant-has-portal-account"),
    });
    const user = userEvent.setup();
    renderPage();
    await user.type(await screen.findByLabelText("New password"), "a long enough password");
    await user.type(screen.getByLabelText("Repeat the password"), "a long enough password");
    await user.click(screen.getByRole("button", { name: "Create my account" }));
    expect(await screen.findByRole("heading", { level: 1, name: "You already have an account" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Sign in" })).toBeInTheDocument();
  });

  it("says an unknown link does not work", async () => {
    stubApi({});
    renderPage();
    expect(await screen.findByRole("heading", { level: 1, name: "This link does not work" })).toBeInTheDocument();
  });
});
