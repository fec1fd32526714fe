import { describe, expect, it } from "vitest";
import { ApiError } from "./api/problem";
import { createQueryClient, shouldRetry } from "./query-client";

describe("shouldRetry", () => {
  it("does not ask again after a client error", () => {
    expect(shouldRetry(0, new ApiError(404, { status: 404 }))).toBe(false);
    expect(shouldRetry(0, new ApiError(422, { status: 422 }))).toBe(false);
  });

  it("retries network failures, timeouts and server errors twice", () => {
    for (const error of [new TypeError("Failed to fetch"), new ApiError(408, {}), new ApiError(503, {})]) {
      expect([0, 1, 2].map((failures) => shouldRetry(failures, error))).toEqual([true, true, false]);
    }
  });
});

describe("createQueryClient", () => {
  it("keeps answers 30 s fresh and never retries a mutation", () => {
    const { queries, mutations } = createQueryClient().getDefaultOptions();
    expect(queries?.staleTime).toBe(30_000);
    expect(queries?.retry).toBe(shouldRetry);
    expect(queries).not.toHaveProperty("gcTime");
    expect(mutations?.retry).toBe(false);
  });

  it("keeps unused answers as long as asked", () => {
    expect(createQueryClient({ gcTime: 60_000 }).getDefaultOptions().queries?.gcTime).toBe(60_000);
  });
});
