import { describe, expect, it, vi } from "vitest";
import { newIdempotencyKey } from "./idempotency-key";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u;

describe("newIdempotencyKey", () => {
  it("is a fresh v4 UUID every time", () => {
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(UUID_V4);
  });

  it("is a v4 UUID even where crypto.randomUUID is missing (plain-HTTP origins)", () => {
    // Shadow the prototype's method on the instance, then remove the shadow.
    Object.defineProperty(crypto, "randomUUID", { value: undefined, configurable: true });
    const random = vi.spyOn(crypto, "getRandomValues");
    try {
      const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
      expect(keys.size).toBe(50);
      for (const key of keys) expect(key).toMatch(UUID_V4);
      expect(random).toHaveBeenCalledTimes(50);
    } finally {
      random.mockRestore();
      Reflect.deleteProperty(crypto, "randomUUID");
    }
    expect(typeof crypto.randomUUID).toBe("function");
  });
});
