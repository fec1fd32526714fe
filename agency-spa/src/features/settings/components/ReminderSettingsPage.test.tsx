import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { staffMe } from "@/testing/fixtures";
import { parseReminderDays } from "./reminder-days";
import { ReminderSettingsPage } from "./ReminderSettingsPage";

describe("parseReminderDays", () => {
  it.each([
    ["3", 3],
    [" 30 ", 30],
    ["0", null],
    ["31", null],
    ["2.5", null],
    ["", null],
  ])("%j -> %j", (typed, days) => {
    expect(parseReminderDays(typed)).toBe(days);
  });
});

describe("ReminderSettingsPage", () => {
  it("lets the owner change the reminder days with PATCH /agency", async () => {
    let sent: unknown = null;
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("owner")),
      "PATCH /api/v1/agency": async (request) => {
        sent = await request.json();
        return jsonResponse({ ...staffMe("owner").agency });
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<ReminderSettingsPage />);
    const days = await screen.findByRole("spinbutton", { name: "Days before the due date" });
    expect(days).toHaveValue(3);
    await user.clear(days);
    await user.type(days, "40");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("A whole number of days from 1 to 30.")).toBeInTheDocument();
    expect(sent).toBeNull();

    await user.clear(days);
    await user.type(days, "5");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Saved.")).toBeInTheDocument();
    expect(sent).toEqual({ settings: { reminder_days_before_due: 5 } });
  });

  it("shows the setting read-only to other roles", async () => {
    stubApi({ "GET /api/v1/me": () => jsonResponse(staffMe("manager")) });
    renderWithProviders(<ReminderSettingsPage />);
    expect(await screen.findByRole("spinbutton", { name: "Days before the due date" })).toBeDisabled();
    expect(screen.getByText("Only the agency's owner can change these settings.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Save" })).not.toBeInTheDocument();
  });
});
