import { screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { session } from "@/lib/api/client";
import type { MyOnboarding, OnboardingStep } from "../api/my-onboarding";
import { OnboardingPage } from "./OnboardingPage";

const LEASE_ID = "5a7c0e2d-0000-4000-8000-00000000c001";

type Recurring = NonNullable<OnboardingStep["recurring"]>;

const notYet: Recurring = {
  lease_id: LEASE_ID,
  offered: true,
  set_up: false,
  setup_id: null,
  method: null,
  payment_method_label: null,
  set_up_at: null,
  setup_active: false,
};

function recurringStep(recurring: Recurring | null, done: boolean): OnboardingStep {
  return {
    position: 1,
    name: "Pay rent automatically",
    kind: "recurring_setup",
    done,
    fields: [],
    answers: null,
    document_label: null,
    uploaded_file_name: null,
    text: null,
    text_version: null,
    description: null,
    amount: null,
    invoice_id: null,
    recurring,
  };
}

function onboarding(step: OnboardingStep): MyOnboarding {
  return {
    invite_id: "invite-1",
    agency_name: "Demo Lettings",
    steps: [step],
    steps_done: step.done ? 1 : 0,
    steps_total: 1,
    complete: step.done,
    next_position: step.done ? null : 1,
  };
}

function show(...answers: OnboardingStep[]) {
  let call = 0;
  stubApi({
    "GET /api/v1/portal/onboarding": () => jsonResponse(onboarding(answers[Math.min(call++, answers.length - 1)] ?? answers[0]!)),
  });
  renderWithProviders(
    <OnboardingPage
      locale="en-GB"
      renderPayment={() => <p>card payment</p>}
      renderRecurring={(leaseId) => <p>recurring set-up for {leaseId}</p>}
    />,
  );
}

beforeEach(() => {
  session.signIn({ access_token: "t1", expires_in: 900 });
});

describe("OnboardingPage, a recurring rent set-up step", () => {
  it("shows the recurring set-up of the invite's lease until the lease has one", async () => {
    show(recurringStep(notYet, false));
    expect(await screen.findByText(`recurring set-up for ${LEASE_ID}`)).toBeInTheDocument();
    expect(screen.getByText(/Set up recurring payment of your rent/)).toBeInTheDocument();
    expect(screen.getByText("0 of 1 steps done")).toBeInTheDocument();
  });

  it("moves on once the server sees the set-up (it looks again while the step waits)", async () => {
    const setUp = { ...notYet, set_up: true, setup_id: "setup-1", method: "card" as const, payment_method_label: "visa •••• 4242", set_up_at: "2026-11-23T10:00:00Z", setup_active: true };
    show(recurringStep(notYet, false), recurringStep(setUp, true));
    expect(await screen.findByText(`recurring set-up for ${LEASE_ID}`)).toBeInTheDocument();
    // The step looks again every 3 s (PAYMENT_POLL_MS), inside the shared 10 s asyncUtilTimeout.
    await waitFor(() => { expect(screen.getByText("You are all set")).toBeInTheDocument(); });
    expect(screen.getByText("1 of 1 steps done")).toBeInTheDocument();
  });

  it("says what was set up when the tenant opens the done step again", async () => {
    const setUp = { ...notYet, set_up: true, setup_id: "setup-1", method: "card" as const, payment_method_label: "visa •••• 4242", set_up_at: "2026-11-23T10:00:00Z", setup_active: true };
    stubApi({ "GET /api/v1/portal/onboarding": () => jsonResponse(onboarding(recurringStep(setUp, true))) });
    renderWithProviders(<OnboardingPage locale="en-GB" renderPayment={() => null} renderRecurring={() => <p>recurring set-up</p>} />);
    (await screen.findByRole("button", { name: "Pay rent automatically" })).click();
    expect(await screen.findByText("Recurring rent payment is set up (visa •••• 4242). Thank you.")).toBeInTheDocument();
    expect(screen.queryByText("recurring set-up")).toBeNull();
  });

  it("says the agency switched the feature off, and does not hold the tenant up", async () => {
    show(recurringStep({ ...notYet, offered: false }, true));
    expect(await screen.findByText("You are all set")).toBeInTheDocument();
    (await screen.findByRole("button", { name: "Pay rent automatically" })).click();
    expect(await screen.findByText(/no longer offers recurring rent payment/)).toBeInTheDocument();
    expect(screen.queryByText(/recurring set-up for/)).toBeNull();
  });

  it("waits for the agency when the step has no lease", async () => {
    show(recurringStep({ ...notYet, lease_id: null }, false));
    expect(await screen.findByText(/has not linked your lease/)).toBeInTheDocument();
  });
});
