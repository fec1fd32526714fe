import { useState } from "react";

/**
 * The `Idempotency-Key` of a request that moves money or sends a message: one UUID per attempt,
 * kept when the attempt failed so that trying again sends the same key (the API then replays
 * the first answer if the work did happen, instead of doing it twice), and dropped once it
 * succeeded or the request itself changed.
 */
export interface AttemptKey {
  /** The key for this attempt: the previous one while it has not succeeded, else a new one. */
  current: () => string;
  /** The attempt succeeded, or what is being asked changed: the next one gets a new key. */
  reset: () => void;
}

export function newAttemptKey(): AttemptKey {
  let key: string | null = null;
  return {
    current: () => {
      key ??= crypto.randomUUID();
      return key;
    },
    reset: () => {
      key = null;
    },
  };
}

/** An {@link AttemptKey} that lives as long as the component. */
export function useAttemptKey(): AttemptKey {
  const [attempt] = useState(newAttemptKey);
  return attempt;
}
