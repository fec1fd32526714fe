import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { createApiClient } from "../../../lib/api/create-client";
import type { Audience } from "../../../lib/auth/session";
import { jsonResponse, stubApi } from "../../../testing/fake-api";
import { renderWithProviders } from "../../../testing/render";
import { ForgotPasswordPage } from "./ForgotPasswordPage";

const SAME_ANSWER = { detail: "If this address has an account, a link is on its way." };

function renderPage(audience: Audience) {
  const api = createApiClient({ baseUrl: "http://localhost" });
  renderWithProviders(
    <Routes>
      <Route path="/forgot-password" element={<ForgotPasswordPage api={api} audience={audience} />} />
    </Routes>,
    { route: "/forgot-password" },
  );
}

describe("ForgotPasswordPage", () => {
  it.each<Audience>(["staff", "tenant"])("asks the %s side's API and says the same whatever the address", async (audience) => {
    const fetch = stubApi({
      [`POST /api/v1/auth/${audience}/password-reset`]: async (request) => {
        expect(await request.json()).toEqual({ email: "someone@example.com" });
        return jsonResponse(SAME_ANSWER, 202);
      },
    });
    renderPage(audience);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Email address"), "  someone@example.com ");
    await user.click(screen.getByRole("button", { name: "Send the link" }));
    expect(await screen.findByRole("status")).toHaveTextContent("If this address has an account");
    expect(screen.queryByLabelText("Email address")).not.toBeInTheDocument();
    expect(fetch).toHaveBeenCalledOnce();
    expect(screen.getByRole("link", { name: "Back to sign in" })).toHaveAttribute("href", "/login");
  });

  it("says when there were too many requests", async () => {
    stubApi({
      "POST /api/v1/auth/tenant/password-reset": () => jsonResponse({ title: "Too many attempts", status: 429 }, 429),
    });
    renderPage("tenant");
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Email address"), "someone@example.com");
    await user.click(screen.getByRole("button", { name: "Send the link" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Too many attempts");
  });
});
