import { onlineManager } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { watchConnectivity } from "./connectivity";

describe("watchConnectivity", () => {
  let stop: () => void = () => undefined;

  beforeEach(() => {
    vi.useFakeTimers();
    onlineManager.setOnline(true);
  });

  afterEach(() => {
    stop();
    vi.useRealTimers();
    onlineManager.setOnline(true);
  });

  it("asks nothing while the app is live", async () => {
    const probe = vi.fn(() => Promise.resolve(true));
    stop = watchConnectivity({ probe, cutOff: () => false, onReachable: vi.fn(), intervalMs: 1_000 });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(probe).not.toHaveBeenCalled();
  });

  it("keeps asking while the server does not answer, and comes back online when it does", async () => {
    onlineManager.setOnline(false);
    const answers = [false, false, true];
    const probe = vi.fn(() => Promise.resolve(answers.shift() ?? true));
    const onReachable = vi.fn(() => {
      onlineManager.setOnline(true);
    });
    stop = watchConnectivity({ probe, cutOff: () => !onlineManager.isOnline(), onReachable, intervalMs: 1_000 });

    await vi.advanceTimersByTimeAsync(2_000);
    expect(probe).toHaveBeenCalledTimes(2);
    expect(onlineManager.isOnline()).toBe(false);
    expect(onReachable).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(1_000);
    expect(onlineManager.isOnline()).toBe(true);
    expect(onReachable).toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(5_000);
    expect(probe).toHaveBeenCalledTimes(3);
  });

  it("counts a failed request as no answer", async () => {
    onlineManager.setOnline(false);
    const probe = vi.fn(() => Promise.reject(new TypeError("Failed to fetch")));
    const onReachable = vi.fn();
    stop = watchConnectivity({
      probe: () => probe().catch(() => false),
      cutOff: () => !onlineManager.isOnline(),
      onReachable,
      intervalMs: 1_000,
    });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(onlineManager.isOnline()).toBe(false);
    expect(onReachable).not.toHaveBeenCalled();
  });
});
