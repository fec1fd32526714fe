import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { cursorListOptions, PAGE_SIZE, useCursorList } from "@/lib/api/pagination";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import { orUndefined } from "./get-summary";

export type FollowUp = components["schemas"]["FollowUpOut"];
export type FollowUpOutcome = components["schemas"]["FollowUpOutcome"];

export interface FollowUpsParams {
  leaseId: string;
  tenantId: string;
  /** "true": escalated and waiting for a review; "false": everything else; "": all. */
  awaitingReview: "" | "true" | "false";
}

/** GET /api/v1/collections/follow-ups: what was sent, newest first, a page at a time. */
export const followUpsQueryOptions = (params: FollowUpsParams) =>
  cursorListOptions(queryKeys.collections.followUps.list(params), async (cursor, signal) =>
    unwrap(
      await api.GET("/api/v1/collections/follow-ups", {
        params: {
          query: {
            lease_id: orUndefined(params.leaseId),
            tenant_id: orUndefined(params.tenantId),
            awaiting_review: params.awaitingReview === "" ? undefined : params.awaitingReview === "true",
            cursor,
            limit: PAGE_SIZE,
          },
        },
        signal,
      }),
    ),
  );

export function useFollowUps(params: FollowUpsParams) {
  return useCursorList(followUpsQueryOptions(params));
}
