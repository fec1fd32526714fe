import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import type { Role } from "@/lib/auth/permissions";
import { aFollowUp, aLease, staffMe } from "@/testing/fixtures";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { FollowUpDetailPage } from "./FollowUpDetailPage";

type FollowUp = components["schemas"]["FollowUpOut"];

function stub(role: Role, initial: FollowUp) {
  let followUp = initial;
  const calls: string[] = [];
  const base = `/api/v1/collections/follow-ups/${followUp.id}`;
  stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe(role)),
    [`GET /api/v1/leases/${followUp.lease_id}`]: () => jsonResponse(aLease({ status: "active" })),
    [`GET ${base}`]: () => jsonResponse(followUp),
    [`PATCH ${base}`]: async (request) => {
      const body = (await request.json()) as { outcome?: FollowUp["outcome"]; outcome_note?: string; escalate: boolean };
      calls.push(`patch ${JSON.stringify(body)}`);
      followUp = {
        ...followUp,
        outcome: body.outcome ?? followUp.outcome,
        outcome_note: body.outcome_note ?? followUp.outcome_note,
        outcome_by_name: "Ann Peeters",
        outcome_at: "2026-12-03T08:00:00Z",
        ...(body.escalate ? { escalated_at: "2026-12-03T08:00:00Z", escalated_by_name: "Ann Peeters", awaiting_review: true } : {}),
      };
      return jsonResponse(followUp);
    },
    [`POST ${base}/review`]: async (request) => {
      calls.push(`review ${JSON.stringify(await request.json())}`);
      followUp = { ...followUp, awaiting_review: false, reviewed_at: "2026-12-04T08:00:00Z", reviewed_by_name: "Olivia Owner", review_note: "Plan OK" };
      return jsonResponse(followUp);
    },
  });
  return calls;
}

const renderPage = (followUp: FollowUp) => renderWithProviders(<FollowUpDetailPage followUpId={followUp.id} />);

describe("FollowUpDetailPage", () => {
  it("documents the outcome and escalates it to the responsible role", async () => {
    const followUp = aFollowUp();
    const calls = stub("manager", followUp);
    const user = userEvent.setup();
    renderPage(followUp);

    expect(await screen.findByText("No outcome documented yet.")).toBeInTheDocument();
    expect(await within(screen.getByRole("region", { name: "What was sent" })).findByRole("link", { name: "Flat 1A · Residence Louise" })).toBeInTheDocument();
    const form = screen.getByRole("form", { name: "Document the outcome" });
    await user.click(within(form).getByRole("button", { name: "Save the outcome" }));
    expect(await within(form).findByText("Choose an outcome, or describe what happened.")).toBeInTheDocument();
    expect(calls).toEqual([]);

    await user.selectOptions(within(form).getByLabelText("Outcome"), "Payment plan agreed");
    await user.type(within(form).getByLabelText("What happened"), "Two instalments");
    await user.click(within(form).getByRole("checkbox", { name: "Ask an accountant or owner to review it" }));
    await user.click(within(form).getByRole("button", { name: "Save and escalate" }));

    expect(await screen.findByText("Saved and escalated: an accountant or owner will review it.")).toBeInTheDocument();
    expect(calls).toEqual(['patch {"outcome":"payment_plan","outcome_note":"Two instalments","escalate":true}']);
    const outcome = screen.getByRole("region", { name: "Outcome" });
    expect(outcome).toHaveTextContent("Payment plan agreed");
    await waitFor(() => {
      expect(outcome).toHaveTextContent("Ann Peeters on 3 December 2026, 09:00 (Central European Time)");
    });
    expect(screen.getByText("Awaiting review")).toBeInTheDocument();
    expect(within(form).getByRole("checkbox", { name: "Ask an accountant or owner to review it" })).toBeDisabled();
    // A manager does not review.
    expect(screen.queryByRole("form", { name: "Review the escalation" })).not.toBeInTheDocument();
  });

  it("lets an owner review an escalation someone else made", async () => {
    const followUp = aFollowUp({ escalated_at: "2026-12-03T08:00:00Z", escalated_by_name: "Marc Manager", awaiting_review: true, outcome: "payment_plan" });
    const calls = stub("owner", followUp);
    const user = userEvent.setup();
    renderPage(followUp);

    const review = await screen.findByRole("form", { name: "Review the escalation" });
    await user.click(within(review).getByRole("button", { name: "Record the review" }));
    expect(await within(review).findByText("This field is required.")).toBeInTheDocument();
    await user.type(within(review).getByLabelText("Review"), "Plan OK");
    await user.click(within(review).getByRole("button", { name: "Record the review" }));

    expect(await screen.findByText("Review recorded.")).toBeInTheDocument();
    expect(calls).toEqual(['review {"note":"Plan OK"}']);
    expect(screen.getByRole("region", { name: "Escalation" })).toHaveTextContent("Plan OK");
    expect(screen.queryByRole("form", { name: "Review the escalation" })).not.toBeInTheDocument();
  });

  it("shows a viewer the whole record and no control", async () => {
    const followUp = aFollowUp({ escalated_at: "2026-12-03T08:00:00Z", escalated_by_name: "Marc Manager", awaiting_review: true });
    stub("viewer", followUp);
    renderPage(followUp);
    expect(await screen.findByRole("region", { name: "Escalation" })).toHaveTextContent("Escalated by Marc Manager");
    await waitFor(() => {
      expect(screen.getByRole("region", { name: "What was sent" })).toHaveTextContent("Flat 1A · Residence Louise");
    });
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
    expect(screen.queryByRole("textbox")).not.toBeInTheDocument();
  });
});
