import type { ReactNode } from "react";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { session } from "@/lib/api/client";
import { onboardingStep as step } from "@/testing/fixtures";
import { useSaveStep } from "../api/my-onboarding";
import { AcceptStep, FormStep, UploadStep, type StepSaver } from "./StepForms";

const INVITE = "6f1c2d3e-0000-4000-8000-000000000001";

/** A step saved through the invite's step routes, as the onboarding walk saves it. */
function InviteStep({ children }: { children: (save: StepSaver) => ReactNode }) {
  const save = useSaveStep(INVITE, 1);
  return <>{children(save)}</>;
}

beforeEach(() => {
  session.signIn({ access_token: "t1", expires_in: 900 });
  stubApi({});
});

describe("Onboarding steps drop an error once the input it is about changes", () => {
  it("a required field left empty", async () => {
    const user = userEvent.setup();
    const fields = [
      { key: "employer", label: "Employer", required: true },
      { key: "job", label: "Job title", required: true },
    ];
    renderWithProviders(<InviteStep>{(save) => <FormStep step={step({ fields })} save={save} onSaved={vi.fn()} />}</InviteStep>);
    await user.click(screen.getByRole("button", { name: "Save and continue" }));
    const employer = screen.getByRole("textbox", { name: "Employer" });
    const job = screen.getByRole("textbox", { name: "Job title" });
    expect(employer).toHaveAttribute("aria-invalid", "true");

    await user.type(employer, "A");

    expect(employer).not.toHaveAttribute("aria-invalid", "true");
    // The other field is still empty: its error stays.
    expect(job).toHaveAttribute("aria-invalid", "true");
  });

  it("a text not accepted", async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <InviteStep>{(save) => <AcceptStep step={step({ kind: "read_and_accept", text: "Rules", text_version: 1 })} save={save} onSaved={vi.fn()} />}</InviteStep>,
    );
    await user.click(screen.getByRole("button", { name: "Accept and continue" }));
    expect(screen.getByText("Tick the box to accept the text.")).toBeInTheDocument();

    await user.click(screen.getByRole("checkbox", { name: "I have read and accept this text" }));

    expect(screen.queryByText("Tick the box to accept the text.")).not.toBeInTheDocument();
  });

  it("no file chosen", async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <InviteStep>{(save) => <UploadStep step={step({ kind: "document_upload", document_label: "Identity card" })} save={save} onSaved={vi.fn()} />}</InviteStep>,
    );
    await user.click(screen.getByRole("button", { name: "Send the document" }));
    expect(screen.getByText("Choose a file.")).toBeInTheDocument();

    await user.upload(screen.getByLabelText("Identity card"), new File(["id"], "id.pdf", { type: "application/pdf" }));

    expect(screen.queryByText("Choose a file.")).not.toBeInTheDocument();
  });
});
