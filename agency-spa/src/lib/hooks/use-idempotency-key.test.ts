import { renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { attemptFingerprint, useIdempotencyKey } from "./use-idempotency-key";

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

  it("keeps the key across renders of the component", () => {
    const { result, rerender } = renderHook(() => useIdempotencyKey());
    const first = result.current.keyFor({ lease_id: "l1" });
    rerender();
    expect(result.current.keyFor({ lease_id: "l1" })).toBe(first);
  });

  it("tells files apart (a statement chosen again is a new attempt), and the same file is the same attempt", () => {
    const { result } = renderHook(() => useIdempotencyKey());
    const december = new File(["a;b\n"], "december.csv", { type: "text/csv", lastModified: 1 });
    const first = result.current.keyFor({ file: december });
    expect(result.current.keyFor({ file: december })).toBe(first);
    const january = new File(["a;b\n"], "january.csv", { type: "text/csv", lastModified: 1 });
    expect(result.current.keyFor({ file: january })).not.toBe(first);
  });
});

describe("attemptFingerprint", () => {
  it("describes a file by name, size, type and modification time", () => {
    const file = new File(["12345"], "statement.csv", { type: "text/csv", lastModified: 42 });
    expect(JSON.parse(attemptFingerprint({ file }))).toEqual({ file: { blob: 5, type: "text/csv", name: "statement.csv", lastModified: 42 } });
  });
});
