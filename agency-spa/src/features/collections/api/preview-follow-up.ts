import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type FollowUpPreview = components["schemas"]["FollowUpPreviewOut"];
export type FollowUpPreviewIn = components["schemas"]["FollowUpPreviewIn"];

export async function previewFollowUp(body: FollowUpPreviewIn) {
  return unwrap(await api.POST("/api/v1/collections/follow-ups/preview", { body }));
}

/**
 * POST /api/v1/collections/follow-ups/preview: the e-mail each recipient would get if it were
 * sent now, composed by the API (amounts, due dates, how to pay, whom to ask). Nothing is sent;
 * the same 409s as sending (nothing overdue, agency details missing).
 */
export function usePreviewFollowUp() {
  return useMutation({ mutationFn: previewFollowUp });
}
