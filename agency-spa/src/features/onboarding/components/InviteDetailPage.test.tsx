import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { page, staffMe } from "@/testing/fixtures";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import type { InviteDetail, InviteStep } from "../api/get-invite";
import { InviteDetailPage } from "./InviteDetailPage";

const recurringStep = (recurring: InviteStep["recurring"], done: boolean): InviteStep => ({
  position: 1,
  task_id: "task-r",
  name: "Pay rent automatically",
  kind: "recurring_setup",
  amount: null,
  invoice_id: null,
  done,
  completed_at: null,
  answers: null,
  accepted_text_version: null,
  uploaded_file_name: null,
  recurring,
});

const invite = (step: InviteStep): InviteDetail => ({
  id: "inv-1",
  first_name: "Rita",
  last_name: "Recurring",
  email: "rita@example.test",
  flow_id: "flow-1",
  flow_name: "With recurring rent",
  tenant_id: "tenant-1",
  lease_id: "lease-1",
  status: "used",
  sent_at: "2026-11-23T09:00:00Z",
  expires_at: "2026-11-30T09:00:00Z",
  reminders_sent: 0,
  used_at: "2026-11-23T10:00:00Z",
  cancelled_at: null,
  steps_done: step.done ? 1 : 0,
  steps_total: 1,
  created_at: "2026-11-23T09:00:00Z",
  steps: [step],
});

const base = {
  lease_id: "lease-1",
  offered: true,
  set_up: false,
  setup_id: null,
  method: null,
  payment_method_label: null,
  set_up_at: null,
  setup_active: false,
} satisfies NonNullable<InviteStep["recurring"]>;

function show(step: InviteStep) {
  stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
    "GET /api/v1/onboarding/tasks": () => jsonResponse(page([])),
    "GET /api/v1/onboarding/invites/inv-1": () => jsonResponse(invite(step)),
  });
  renderWithProviders(<InviteDetailPage inviteId="inv-1" />, { route: "/customers/invites/inv-1" });
}

describe("InviteDetailPage, a recurring rent set-up step", () => {
  it("shows how and when the tenant set it up, with the way to the set-up", async () => {
    show(
      recurringStep(
        { ...base, set_up: true, setup_id: "setup-9", method: "card", payment_method_label: "visa •••• 4242", set_up_at: "2026-11-23T10:05:00Z", setup_active: true },
        true,
      ),
    );
    expect(await screen.findByText(/Set up with a card \(visa •••• 4242\) on/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Open the recurring payment" })).toHaveAttribute("href", "/recurring-payments/setup-9");
    expect(screen.queryByText(/stopped since/)).toBeNull();
  });

  it("says when the set-up has stopped since", async () => {
    show(
      recurringStep(
        { ...base, set_up: true, setup_id: "setup-9", method: "sepa_debit", payment_method_label: "IBAN •••• 3000", set_up_at: "2026-11-23T10:05:00Z" },
        true,
      ),
    );
    expect(await screen.findByText(/Set up with SEPA direct debit \(IBAN •••• 3000\) on/)).toBeInTheDocument();
    expect(screen.getByText(/It has stopped since\./)).toBeInTheDocument();
  });

  it("says it no longer blocks once the agency switched the feature off", async () => {
    show(recurringStep({ ...base, offered: false }, true));
    expect(await screen.findByText(/this step no longer blocks the tenant/)).toBeInTheDocument();
  });

  it("waits for a set-up while there is none", async () => {
    show(recurringStep(base, false));
    expect(await screen.findByText("No recurring payment set up on the lease yet.")).toBeInTheDocument();
  });
});
