import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { createApiClient } from "../../../lib/api/create-client";
import { createAuthMiddleware } from "../../../lib/auth/auth-middleware";
import { createSession, type Audience } from "../../../lib/auth/session";
import { renderWithProviders } from "../../../testing/render";
import { LoginPage } from "./LoginPage";

function problem(status: number, body: Record<string, unknown>) {
  return new Response(JSON.stringify({ status, ...body }), {
    status,
    headers: { "Content-Type": "application/problem+json" },
  });
}

/** The login page wired as an app wires it: a session and an API client with the auth middleware. */
function renderLogin(audience: Audience = "staff", onSignedIn?: () => void) {
  const session = createSession(createApiClient({ baseUrl: "http://localhost" }), { audience });
  const api = createApiClient({ baseUrl: "http://localhost" });
  api.use(createAuthMiddleware(session, { language: () => "en" }));
  renderWithProviders(
    <Routes>
      <Route path="/login" element={<LoginPage api={api} session={session} onSignedIn={onSignedIn} />} />
    </Routes>,
    { route: "/login" },
  );
  return session;
}

async function fillAndSubmit(email: string, password: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText("Email address"), email);
  await user.type(screen.getByLabelText("Password"), password);
  await user.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("LoginPage", () => {
  it("has labelled inputs, in the app's words", () => {
    vi.stubGlobal("fetch", vi.fn());
    renderLogin();
    expect(screen.getByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(screen.getByText("Sign in to the test app.")).toBeInTheDocument();
    expect(screen.getByLabelText("Email address")).toHaveAttribute("autocomplete", "username");
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
    const email = screen.getByLabelText("Email address");
    expect(await screen.findByText("Not a valid email.")).toBeInTheDocument();
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveAccessibleDescription("Not a valid email.");
    expect(screen.getByRole("alert")).toHaveTextContent("Please correct the highlighted fields.");
  });

  it("drops an error as soon as the input it is about changes", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.resolve(problem(422, { title: "Invalid input", errors: [{ field: "body.email", message: "Not a valid email." }] }))),
    );
    renderLogin();
    await fillAndSubmit("nope@x", "secret");
    const email = screen.getByLabelText("Email address");
    expect(await screen.findByText("Not a valid email.")).toBeInTheDocument();

    await userEvent.setup().type(email, "ample.com");

    expect(email).not.toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByText("Not a valid email.")).not.toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("says so when the credentials are wrong", async () => {
    vi.stubGlobal("fetch", vi.fn(() => Promise.resolve(problem(401, { title: "Unauthorized", detail: "Bad credentials" }))));
    const session = renderLogin();
    await fillAndSubmit("owner@demo.doorstep.test", "wrong");
    expect(await screen.findByRole("alert")).toHaveTextContent("The email address or password is incorrect.");
    expect(session.getAccessToken()).toBeNull();
  });

  it.each<[Audience, string]>([
    ["staff", "owner@demo.doorstep.test"],
    ["tenant", "tenant@demo.doorstep.test"],
  ])("signs in (%s) and keeps the token in memory only", async (audience, email) => {
    const fetch = vi.fn((request: Request) => {
      expect(request.url).toBe(`http://localhost/api/v1/auth/${audience}/login`);
      expect(request.credentials).toBe("include");
      expect(request.headers.get("Accept-Language")).toBe("en");
      return Promise.resolve(
        Response.json({ access_token: "t1", token_type: "bearer", expires_in: 900, refresh_token: "r1" }),
      );
    });
    vi.stubGlobal("fetch", fetch);
    const session = renderLogin(audience);
    await fillAndSubmit(email, "demo-pass");
    await vi.waitFor(() => {
      expect(session.getAccessToken()).toBe("t1");
    });
    expect(fetch).toHaveBeenCalledOnce();
    expect(session.getSnapshot().status).toBe("authenticated");
    expect(JSON.stringify(localStorage)).not.toContain("t1");
  });

  it("tells the app once signed in, and not when refused", async () => {
    const onSignedIn = vi.fn();
    const answers = [
      problem(401, { title: "Unauthorized", detail: "Bad credentials" }),
      Response.json({ access_token: "t2", token_type: "bearer", expires_in: 900, refresh_token: "r2" }),
    ];
    vi.stubGlobal("fetch", vi.fn(() => Promise.resolve(answers.shift())));
    const session = renderLogin("tenant", onSignedIn);
    await fillAndSubmit("tenant@demo.doorstep.test", "wrong");
    expect(await screen.findByRole("alert")).toHaveTextContent("The email address or password is incorrect.");
    expect(onSignedIn).not.toHaveBeenCalled();

    await userEvent.setup().click(screen.getByRole("button", { name: "Sign in" }));
    await vi.waitFor(() => {
      expect(onSignedIn).toHaveBeenCalledOnce();
    });
    expect(session.getAccessToken()).toBe("t2");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("asks for the code after the password when two-step sign-in is on", async () => {
    const onSignedIn = vi.fn();
    const sent: { url: string; body: unknown }[] = [];
    const answers = [
      Response.json({ two_factor_required: true, challenge: "ch-1", expires_in: 300 }),
      problem(401, { type: "urn:doorstep:problem:two-factor-code-refused", title: "The code is not right" }),
      Response.json({ access_token: "t3", token_type: "bearer", expires_in: 900, refresh_token: "r3" }),
    ];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (request: Request) => {
        sent.push({ url: request.url, body: await request.json() });
        return answers.shift();
      }),
    );
    const session = renderLogin("staff", onSignedIn);
    await fillAndSubmit("owner@demo.doorstep.test", "demo-pass");
    const user = userEvent.setup();
    const code = await screen.findByLabelText("Code from your app");
    expect(code).toHaveAttribute("autocomplete", "one-time-code");
    expect(code).toHaveAttribute("inputmode", "numeric");
    expect(session.getSnapshot().status).not.toBe("authenticated");

    await user.type(code, "123456");
    await user.click(screen.getByRole("button", { name: "Verify" }));
    expect(await screen.findByText(/This code is not right/)).toBeInTheDocument();
    expect(onSignedIn).not.toHaveBeenCalled();

    await user.click(screen.getByRole("button", { name: "Use a recovery code" }));
    await user.type(screen.getByLabelText("Recovery code"), "abcd-efgh-ijkl-mnop");
    await user.click(screen.getByRole("button", { name: "Verify" }));
    await vi.waitFor(() => {
      expect(onSignedIn).toHaveBeenCalledOnce();
    });
    expect(session.getAccessToken()).toBe("t3");
    expect(sent.map((s) => s.url)).toEqual([
      "http://localhost/api/v1/auth/staff/login",
      "http://localhost/api/v1/auth/staff/login/two-factor",
      "http://localhost/api/v1/auth/staff/login/two-factor",
    ]);
    expect(sent[2]?.body).toEqual({ challenge: "ch-1", code: "abcd-efgh-ijkl-mnop" });
  });

  it("goes back to the password when the challenge has expired", async () => {
    const answers = [
      Response.json({ two_factor_required: true, challenge: "ch-2", expires_in: 300 }),
      problem(401, { type: "urn:doorstep:problem:two-factor-challenge-expired", title: "This sign-in has expired" }),
    ];
    vi.stubGlobal("fetch", vi.fn(() => Promise.resolve(answers.shift())));
    renderLogin("staff");
    await fillAndSubmit("owner@demo.doorstep.test", "demo-pass");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Code from your app"), "654321");
    await user.click(screen.getByRole("button", { name: "Verify" }));
    expect(await screen.findByText("That sign-in expired. Enter your email address and password again.")).toBeInTheDocument();
    expect(screen.getByLabelText("Password")).toHaveValue("");
  });
});
