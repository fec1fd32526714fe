import { useRef } from "react";
import { newIdempotencyKey } from "@doorstep/web-shared/lib/api/idempotency-key";

export interface IdempotencyKey {
  /**
   * The `Idempotency-Key` for sending `payload`. Sending the same payload again (a retry after a
   * lost answer, a second click) is the same attempt and gets the same key, so the API does the
   * work at most once and replays its first answer; another payload (the form was edited) is a
   * new attempt with a new key — the API refuses a key reused for a different request.
   */
  keyFor: (payload: unknown) => string;
  /** The attempt is over (it succeeded): whatever is sent next is a new attempt, even if it is the same. */
  reset: () => void;
}

/**
 * What makes two submissions the same attempt: the JSON of the payload, with a file (an
 * uploaded statement) standing for its name, size, type and modification time — JSON.stringify
 * would turn every File into `{}`.
 */
export function attemptFingerprint(payload: unknown): string {
  return JSON.stringify(payload, (_key, value: unknown) =>
    value instanceof Blob
      ? {
          blob: value.size,
          type: value.type,
          ...(value instanceof File ? { name: value.name, lastModified: value.lastModified } : {}),
        }
      : value,
  );
}

/**
 * One idempotency key per submission attempt of a form that moves money or sends a message
 * (core/idempotency.py: the same key with the same body replays the first response; the same key
 * with another body is refused). Every such form in the app uses it: record, allocate and
 * refund payments, payment links, follow-ups, statement imports and matches, transfer proofs.
 */
export function useIdempotencyKey(): IdempotencyKey {
  const attempt = useRef<{ key: string; fingerprint: string } | null>(null);
  return {
    keyFor: (payload) => {
      const fingerprint = attemptFingerprint(payload);
      if (attempt.current?.fingerprint !== fingerprint) {
        attempt.current = { key: newIdempotencyKey(), fingerprint };
      }
      return attempt.current.key;
    },
    reset: () => {
      attempt.current = null;
    },
  };
}
