import type { MyOnboarding, OnboardingStep } from "../api/my-onboarding";

/** What every step shows and saves, whether it is an invite's step or an assigned task (the API shapes both alike). */
export type StepContent = Pick<
  OnboardingStep,
  "name" | "kind" | "done" | "fields" | "answers" | "document_label" | "uploaded_file_name" | "text" | "text_version" | "description" | "amount" | "invoice_id"
>;

/** The dead link's reasons the link page explains (the API's problem types). */
export type DeadLinkReason = "used" | "cancelled" | "expired" | "hasAccount" | "unknown" | "rateLimited" | "other";

/** Why a link cannot be opened, from the API's answer: its status and problem type. */
export function deadLinkReason(status: number | undefined, slug: string | undefined): DeadLinkReason {
  if (slug === "invite-link-used") return "used";
  if (slug === "invite-link-cancelled") return "cancelled";
  if (slug === "invite-link-expired") return "expired";
  // Another invite made the account since this one was sent: the link cannot set its password.
  if (slug === "tenant-has-portal-account") return "hasAccount";
  if (status === 404 || status === 422) return "unknown";
  if (status === 429) return "rateLimited";
  return "other";
}

/**
 * The step to show: the one the tenant picked when it exists, else the first still to do (where
 * they stopped, on this device or another), else none (all done).
 */
export function currentStep(onboarding: MyOnboarding, picked: number | null): OnboardingStep | undefined {
  const chosen = picked === null ? undefined : onboarding.steps.find((step) => step.position === picked);
  if (chosen !== undefined) return chosen;
  return onboarding.steps.find((step) => step.position === onboarding.next_position);
}

/** The form's answers to send: every field's text trimmed, and the required ones left empty. */
export function readAnswers(step: Pick<StepContent, "fields">, values: Record<string, string>) {
  const answers: Record<string, string> = {};
  const missing: string[] = [];
  for (const field of step.fields) {
    const value = (values[field.key] ?? "").trim();
    answers[field.key] = value;
    if (field.required && value === "") missing.push(field.key);
  }
  return { answers, missing };
}

/** Each form field's saved answer, so a tenant resuming finds what they typed. */
export function savedAnswers(step: Pick<StepContent, "fields" | "answers">): Record<string, string> {
  const saved: Record<string, string> = {};
  for (const field of step.fields) {
    const value = step.answers?.[field.key];
    saved[field.key] = typeof value === "string" ? value : "";
  }
  return saved;
}

/** The API's limit on an uploaded document, once decoded. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/** A file as base64 (no data-URL prefix), as the document step's route takes it. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  const chunk = 0x8000;
  for (let at = 0; at < bytes.length; at += chunk) {
    binary += String.fromCharCode(...bytes.subarray(at, at + chunk));
  }
  return btoa(binary);
}
