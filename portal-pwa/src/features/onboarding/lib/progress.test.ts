import { describe, expect, it } from "vitest";
import type { MyOnboarding, OnboardingStep } from "../api/my-onboarding";
import { onboardingStep } from "@/testing/fixtures";
import { currentStep, deadLinkReason, fileToBase64, readAnswers, savedAnswers } from "./progress";

const step = (position: number, done: boolean, extra: Partial<OnboardingStep> = {}): OnboardingStep =>
  onboardingStep({ position, name: `Step ${position}`, done, ...extra });

const onboarding = (steps: OnboardingStep[]): MyOnboarding => {
  const next = steps.find((candidate) => !candidate.done);
  return {
    invite_id: "invite-1",
    agency_name: "Demo Lettings",
    steps,
    steps_done: steps.filter((candidate) => candidate.done).length,
    steps_total: steps.length,
    complete: next === undefined,
    next_position: next?.position ?? null,
  };
};

describe("currentStep", () => {
  it("resumes at the first step still to do", () => {
    expect(currentStep(onboarding([step(1, true), step(2, false), step(3, false)]), null)?.position).toBe(2);
  });

  it("shows a step the tenant picked, done or not, and ignores one that does not exist", () => {
    const all = onboarding([step(1, true), step(2, false)]);
    expect(currentStep(all, 1)?.position).toBe(1);
    expect(currentStep(all, 9)?.position).toBe(2);
  });

  it("has nothing to show once every step is done", () => {
    expect(currentStep(onboarding([step(1, true)]), null)).toBeUndefined();
  });
});

describe("deadLinkReason", () => {
  it("tells a used, cancelled and expired link apart by the problem type", () => {
    expect(deadLinkReason(410, "invite-link-used")).toBe("used");
    expect(deadLinkReason(409, "tenant-has-portal-account")).toBe("hasAccount");
    expect(deadLinkReason(410, "invite-link-cancelled")).toBe("cancelled");
    expect(deadLinkReason(410, "invite-link-expired")).toBe("expired");
    expect(deadLinkReason(404, "not-found")).toBe("unknown");
    expect(deadLinkReason(429, "too-many-requests")).toBe("rateLimited");
    expect(deadLinkReason(500, undefined)).toBe("other");
  });
});

describe("form answers", () => {
  const form = step(1, false, {
    fields: [
      { key: "employer", label: "Employer", required: true },
      { key: "pets", label: "Pets", required: false },
    ],
    answers: { employer: "Acme" },
  });

  it("trims every answer and lists required fields left empty", () => {
    expect(readAnswers(form, { employer: "  ", pets: " a cat " })).toEqual({ answers: { employer: "", pets: "a cat" }, missing: ["employer"] });
  });

  it("starts from what was saved", () => {
    expect(savedAnswers(form)).toEqual({ employer: "Acme", pets: "" });
  });
});

describe("fileToBase64", () => {
  it("encodes the file's bytes", async () => {
    expect(await fileToBase64(new Blob(["%PDF-1.4"]))).toBe(btoa("%PDF-1.4"));
  });
});
