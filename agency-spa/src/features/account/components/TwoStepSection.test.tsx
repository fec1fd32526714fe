import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import type { TwoFactorStatus } from "../api/two-factor";
import { groupSecret } from "../lib/group-secret";
import { TwoStepSection } from "./TwoStepSection";

vi.mock("qrcode", () => ({ toDataURL: () => Promise.resolve("data:image/png;base64,AAAA") }));

const OFF: TwoFactorStatus = { enabled: false, enabled_at: null, setup_pending: false, recovery_codes_left: 0 };
const ON: TwoFactorStatus = { enabled: true, enabled_at: "2026-12-07T09:00:00Z", setup_pending: false, recovery_codes_left: 10 };
const CODES = Array.from({ length: 10 }, (_, n) => `code-${n}aaa-bbbb-cccc`);

describe("groupSecret", () => {
  it("writes the key in groups of four", () => {
    expect(groupSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")).toBe("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP");
  });
});

describe("TwoStepSection", () => {
  it("sets two-step sign-in up: password, QR code and key, a code, the recovery codes once", async () => {
    let status = OFF;
    const sent: unknown[] = [];
    stubApi({
      "GET /api/v1/me/two-factor": () => jsonResponse(status),
      "POST /api/v1/me/two-factor/setup": async (request) => {
        const body = (await request.json()) as { current_password: string };
        sent.push(body);
        return body.current_password === "right one"
          ? jsonResponse({ secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", otpauth_uri: "otpauth://totp/Demo:me%40x.test?secret=JBSW" })
          : jsonResponse({ type: "urn:doorstep:problem:wrong-current-password", title: "No", status: 422, errors: [] }, 422);
      },
      "POST /api/v1/me/two-factor/confirm": async (request) => {
        sent.push(await request.json());
        status = ON;
        return jsonResponse({ recovery_codes: CODES });
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<TwoStepSection />);
    const password = await screen.findByLabelText("Current password");
    await user.type(password, "wrong");
    await user.click(screen.getByRole("button", { name: "Set up two-step sign-in" }));
    expect(await screen.findByText("This is not your current password.")).toBeInTheDocument();
    await user.clear(password);
    await user.type(password, "right one");
    await user.click(screen.getByRole("button", { name: "Set up two-step sign-in" }));

    expect(await screen.findByRole("img", { name: /QR code/ })).toHaveAttribute("src", "data:image/png;base64,AAAA");
    expect(screen.getByTestId("two-step-secret")).toHaveTextContent("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP");
    await user.type(screen.getByLabelText("6-digit code from the app"), "123 456");
    await user.click(screen.getByRole("button", { name: "Turn on" }));

    expect(await screen.findByRole("heading", { name: "Your recovery codes" })).toBeInTheDocument();
    for (const code of CODES) expect(screen.getByText(code)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Download" })).toHaveAttribute("download", "doorstep-recovery-codes.txt");
    expect(sent.at(-1)).toEqual({ code: "123456" });
    await user.click(screen.getByRole("button", { name: "I have saved them" }));
    expect(await screen.findByText(/10 recovery codes left/)).toBeInTheDocument();
    expect(screen.queryByText(CODES[0] ?? "")).not.toBeInTheDocument();
  });

  it("turns it off with the password and a code", async () => {
    let status = ON;
    stubApi({
      "GET /api/v1/me/two-factor": () => jsonResponse(status),
      "POST /api/v1/me/two-factor/disable": async (request) => {
        const body = (await request.json()) as { code: string };
        if (body.code !== "654321") {
          return jsonResponse({ type: "urn:doorstep:problem:wrong-two-factor-code", title: "No", status: 422, errors: [] }, 422);
        }
        status = OFF;
        return jsonResponse(OFF);
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<TwoStepSection />);
    await user.click(await screen.findByRole("button", { name: "Turn off two-step sign-in" }));
    await user.type(screen.getByLabelText("Current password"), "pw");
    await user.type(screen.getByLabelText("Code from your app, or a recovery code"), "111111");
    await user.click(screen.getByRole("button", { name: "Turn off two-step sign-in" }));
    expect(await screen.findByText(/This code is not right/)).toBeInTheDocument();
    const code = screen.getByLabelText("Code from your app, or a recovery code");
    await user.clear(code);
    await user.type(code, "654321");
    await user.click(screen.getByRole("button", { name: "Turn off two-step sign-in" }));
    expect(await screen.findByRole("button", { name: "Set up two-step sign-in" })).toBeInTheDocument();
  });
});
