import { useState } from "react";
import { problemSlug } from "@doorstep/web-shared/lib/api/problem";
import { NO_OVERRIDE, overrideBody, sendAllowed, useChecklist, type OverrideChoice } from "@/lib/api/readiness";
import { useIdempotencyKey } from "@/lib/hooks/use-idempotency-key";
import type { ReadinessReviewProps } from "./ReadinessReview";

/** What a payment link's request carries besides its fields: why it goes despite the review. */
interface WithOverride {
  readiness_override?: { reason: string } | null;
}

/** The request that sends the payment link (a react-query mutation). */
interface SendRequest<Body> {
  error: unknown;
  mutate: (variables: { idempotencyKey: string; body: Body }, options?: { onSuccess?: () => void }) => void;
}

export interface ReadinessSendOptions<Body> {
  /** The tenant reviewed ("" while unknown: nothing is reviewed). */
  tenantId: string;
  /** The invoice's lease: a payment link is for it, so there is no lease picker. */
  leaseId: string;
  /** Whether the review is wanted at all (the feature is on and the user may send). */
  reviewing: boolean;
  request: SendRequest<Body>;
}

/**
 * Seed 000's readiness review before a payment link goes to a tenant, shared by the panels that
 * create one and that e-mail one: the props of `ReadinessReview`, whether Send may be pressed
 * (nothing blocking, or "Send anyway" with a reason; a refusal as not ready counts as blocking),
 * and `send`, which adds the override chosen to the request. One attempt per press: pressing
 * again after a failure retries the same attempt (same Idempotency-Key); once sent, the next
 * press is a new attempt and the override is cleared.
 */
export function useReadinessSend<Body extends WithOverride>({ tenantId, leaseId, reviewing, request }: ReadinessSendOptions<Body>) {
  const attempt = useIdempotencyKey();
  const [override, setOverride] = useState<OverrideChoice>(NO_OVERRIDE);
  const checklist = useChecklist(reviewing ? tenantId : "", "payment_link", leaseId);
  const refusedAsBlocked = problemSlug(request.error) === "readiness-blocked";
  const blocking = checklist.data?.blocking === true || refusedAsBlocked;

  const review: ReadinessReviewProps = {
    checklist: checklist.data,
    loading: checklist.isPending,
    failed: checklist.isError,
    leaseId,
    onLeaseChange: () => undefined,
    leasePicker: false,
    override,
    onOverrideChange: setOverride,
    refusedAsBlocked,
  };

  return {
    review,
    allowed: sendAllowed(blocking, override),
    /** Sends `fields` with the override; `attemptOf` names what is sent (the invoice, the kind). */
    send(fields: Omit<Body, "readiness_override">, attemptOf: Record<string, unknown>) {
      const body = { ...fields, readiness_override: overrideBody(override) } as Body;
      request.mutate(
        { idempotencyKey: attempt.keyFor({ ...attemptOf, ...body }), body },
        {
          onSuccess: () => {
            attempt.reset();
            setOverride(NO_OVERRIDE);
          },
        },
      );
    },
  };
}
