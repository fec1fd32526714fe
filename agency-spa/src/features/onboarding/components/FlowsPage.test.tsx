import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { page, staffMe } from "@/testing/fixtures";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import type { Flow } from "../api/list-flows";
import type { OnboardingTask } from "../api/list-tasks";
import { FlowsPage } from "./FlowsPage";

const task = (id: string, name: string): OnboardingTask => ({
  id,
  name,
  kind: "read_and_accept",
  is_onboarding: true,
  fields: [],
  document_label: null,
  text: "Be kind.",
  text_version: 1,
  description: null,
  archived: false,
  created_at: "2026-12-01T09:00:00Z",
});

const rules = task("k1", "House rules");
const privacy = task("k2", "Privacy notice");
const flow: Flow = {
  id: "f1",
  name: "Standard",
  steps: [
    { position: 1, task: rules },
    { position: 2, task: privacy },
  ],
  has_payment_steps: false,
  has_recurring_steps: false,
  archived: false,
  created_at: "2026-12-01T09:00:00Z",
};

function stub() {
  const sent: { method: string; body: unknown }[] = [];
  stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
    "GET /api/v1/onboarding/flows": () => jsonResponse(page([flow])),
    "GET /api/v1/onboarding/tasks": () => jsonResponse(page([rules, privacy])),
    "PUT /api/v1/onboarding/flows/f1": async (request) => {
      const body = (await request.json()) as Flow;
      sent.push({ method: "PUT", body });
      return jsonResponse({ ...flow, name: body.name });
    },
    "PATCH /api/v1/onboarding/flows/f1": async (request) => {
      const body = (await request.json()) as { archived: boolean };
      sent.push({ method: "PATCH", body });
      return jsonResponse({ ...flow, archived: body.archived });
    },
  });
  return sent;
}

describe("FlowsPage", () => {
  it("edits a flow's name and the order of its steps, saying invites already sent keep theirs", async () => {
    const sent = stub();
    const user = userEvent.setup();
    renderWithProviders(<FlowsPage />, { route: "/customers/flows" });
    await user.click(await screen.findByRole("button", { name: "Edit Standard" }));
    const editor = screen.getByRole("region", { name: "Edit the flow “Standard”" });
    expect(within(editor).getByText(/Invites already sent keep the steps they were sent with/)).toBeInTheDocument();
    const name = within(editor).getByLabelText(/Name/);
    expect(name).toHaveValue("Standard");
    await user.clear(name);
    await user.type(name, "Move-in");
    await user.click(within(editor).getByRole("button", { name: "Move Privacy notice up" }));
    await user.click(within(editor).getByRole("button", { name: "Save the flow" }));
    await waitFor(() => {
      expect(sent).toEqual([{ method: "PUT", body: { name: "Move-in", task_ids: ["k2", "k1"] } }]);
    });
    expect(await screen.findByText("Flow “Move-in” saved.")).toBeInTheDocument();
  });

  it("archives a flow so new invites no longer offer it", async () => {
    const sent = stub();
    const user = userEvent.setup();
    renderWithProviders(<FlowsPage />, { route: "/customers/flows" });
    await user.click(await screen.findByRole("button", { name: /Archive Standard/ }));
    await waitFor(() => {
      expect(sent).toEqual([{ method: "PATCH", body: { archived: true } }]);
    });
  });
});
