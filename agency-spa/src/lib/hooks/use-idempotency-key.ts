import { useRef } from "react";

/** A random UUID (v4); `crypto.randomUUID` only exists on secure origins, getRandomValues everywhere. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface IdempotencyKey {
  /**
   * The `Idempotency-Key` for sending `payload`. Sending the same payload again (a retry after a
   * lost answer, a second click) is the same attempt and gets the same key, so the API does the
   * work at most once and replays its first answer; another payload is a new attempt with a new
   * key (the API refuses a key reused for a different request).
   */
  keyFor: (payload: unknown) => string;
  /** The attempt is over (it succeeded): whatever is sent next is a new attempt. */
  reset: () => void;
}

/**
 * One idempotency key per form submission attempt (core/idempotency.py: same key and same body
 * replays the first response; same key with another body is refused).
 */
export function useIdempotencyKey(): IdempotencyKey {
  const attempt = useRef<{ key: string; fingerprint: string } | null>(null);
  return {
    keyFor: (payload) => {
      const fingerprint = JSON.stringify(payload);
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
