import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { page, staffMe } from "@/testing/fixtures";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import type { OnboardingTask } from "../api/list-tasks";
import { TasksPage } from "./TasksPage";

const about: OnboardingTask = {
  id: "k1",
  name: "About you",
  kind: "form",
  is_onboarding: true,
  fields: [
    { key: "employer", label: "Employer", required: true },
    { key: "pets", label: "Pets", required: false },
  ],
  document_label: null,
  text: null,
  text_version: 1,
  description: null,
  archived: false,
  created_at: "2026-12-01T09:00:00Z",
};

describe("TasksPage", () => {
  it("edits a task's name and fields, keeping its kind and the keys of unchanged fields", async () => {
    const sent: unknown[] = [];
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
      "GET /api/v1/onboarding/tasks": () => jsonResponse(page([about])),
      "PATCH /api/v1/onboarding/tasks/k1": async (request) => {
        const body = (await request.json()) as { name: string };
        sent.push(body);
        return jsonResponse({ ...about, name: body.name });
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<TasksPage />, { route: "/customers/tasks" });
    await user.click(await screen.findByRole("button", { name: "Edit About you" }));
    const editor = screen.getByRole("region", { name: "Edit the task “About you”" });
    expect(within(editor).getByLabelText(/Kind/)).toBeDisabled();
    const fields = within(editor).getByLabelText(/Fields/);
    expect(fields).toHaveValue("Employer\nPets (optional)");
    await user.type(fields, "\nDate of birth");
    const name = within(editor).getByLabelText(/^Name/);
    await user.clear(name);
    await user.type(name, "About yourself");
    await user.click(within(editor).getByRole("button", { name: "Save the task" }));
    await waitFor(() => {
      expect(sent).toEqual([
        {
          name: "About yourself",
          is_onboarding: true,
          fields: [
            { key: "employer", label: "Employer", required: true },
            { key: "pets", label: "Pets", required: false },
            { key: "date_of_birth", label: "Date of birth", required: true },
          ],
        },
      ]);
    });
    expect(await screen.findByText("Task “About yourself” saved.")).toBeInTheDocument();
  });

  it("offers a recurring rent set-up task only while the agency has recurring payments on, and says why", async () => {
    const me = staffMe("manager");
    stubApi({
      "GET /api/v1/me": () => jsonResponse({ ...me, features: { ...me.features, online_payments: false } }),
      "GET /api/v1/onboarding/tasks": () => jsonResponse(page([about])),
    });
    renderWithProviders(<TasksPage />, { route: "/customers/tasks" });
    const form = await screen.findByRole("region", { name: "New task" });
    await waitFor(() => {
      expect(within(form).getByText(/once your agency has recurring payments \(online payments\) switched on/)).toBeInTheDocument();
    });
    expect(within(form).queryByRole("option", { name: "Recurring rent set-up" })).toBeNull();
  });

  it("creates a recurring rent set-up task when the feature is on", async () => {
    const sent: unknown[] = [];
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
      "GET /api/v1/onboarding/tasks": () => jsonResponse(page([about])),
      "POST /api/v1/onboarding/tasks": async (request) => {
        const body = (await request.json()) as { name: string };
        sent.push(body);
        return jsonResponse({ ...about, id: "k2", name: body.name, kind: "recurring_setup", fields: [] }, 201);
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<TasksPage />, { route: "/customers/tasks" });
    const form = await screen.findByRole("region", { name: "New task" });
    await user.type(within(form).getByLabelText(/^Name/), "Pay rent automatically");
    await user.selectOptions(await within(form).findByLabelText(/Kind/), "Recurring rent set-up");
    expect(within(form).getByText(/Invites with this step need a lease/)).toBeInTheDocument();
    await user.click(within(form).getByRole("button", { name: "Create the task" }));
    await waitFor(() => {
      expect(sent).toEqual([{ name: "Pay rent automatically", kind: "recurring_setup", is_onboarding: true }]);
    });
  });
  it("archives a task and restores it, saying which is archived", async () => {
    let current = about;
    const sent: unknown[] = [];
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
      "GET /api/v1/onboarding/tasks": () => jsonResponse(page([current])),
      "PATCH /api/v1/onboarding/tasks/k1": async (request) => {
        const body = (await request.json()) as { archived: boolean };
        sent.push(body);
        current = { ...current, archived: body.archived };
        return jsonResponse(current);
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<TasksPage />, { route: "/customers/tasks" });
    await user.click(await screen.findByRole("button", { name: "Archive About you: no longer offered for new flows and assignments" }));
    const row = (await screen.findByRole("button", { name: "Restore About you" })).closest("tr");
    expect(row).not.toBeNull();
    expect(within(row as HTMLElement).getByText("(archived)")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Restore About you" }));
    expect(await screen.findByRole("button", { name: /^Archive About you/ })).toBeInTheDocument();
    expect(sent).toEqual([{ archived: true }, { archived: false }]);
  });
});
