import { renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { newIdempotencyKey, useIdempotencyKey } from "./use-idempotency-key";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u;

describe("useIdempotencyKey", () => {
  it("keeps one key while the same payload is retried, and starts a new attempt for another payload or after success", () => {
    const { result } = renderHook(() => useIdempotencyKey());
    const first = result.current.keyFor({ amount: 100, reference: "A" });
    expect(first).toMatch(UUID_V4);
    expect(result.current.keyFor({ amount: 100, reference: "A" })).toBe(first);
    const changed = result.current.keyFor({ amount: 200, reference: "A" });
    expect(changed).not.toBe(first);
    result.current.reset();
    expect(result.current.keyFor({ amount: 200, reference: "A" })).not.toBe(changed);
  });
});

describe("newIdempotencyKey", () => {
  it("is a v4 UUID even where crypto.randomUUID is missing (plain-HTTP origins)", () => {
    // Shadow the prototype's method on the instance, then remove the shadow.
    Object.defineProperty(crypto, "randomUUID", { value: undefined, configurable: true });
    try {
      const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
      expect(keys.size).toBe(50);
      for (const key of keys) expect(key).toMatch(UUID_V4);
    } finally {
      Reflect.deleteProperty(crypto, "randomUUID");
    }
    expect(typeof crypto.randomUUID).toBe("function");
  });
});
