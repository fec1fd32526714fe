import { describe, expect, it } from "vitest";
import { chartLayout, niceMax, type ChartSize } from "./chart-data";

const SIZE: ChartSize = { width: 400, height: 220, left: 100, right: 0, top: 20, bottom: 0 }; // plot 300 × 200

const point = (start: string, expected: number, collected: number) => ({
  start,
  end: start,
  expected,
  collected,
  outstanding: expected - collected,
});

describe("niceMax", () => {
  it.each([
    [0, 100],
    [1, 1],
    [182_500, 200_000],
    [200_000, 200_000],
    [200_001, 250_000],
    [260_000, 500_000],
    [950, 1000],
  ])("rounds %i up to %i", (value, expected) => {
    expect(niceMax(value)).toBe(expected);
  });
});

describe("chartLayout", () => {
  it("draws each measure of each point as a bar whose height is its share of the axis", () => {
    const layout = chartLayout([point("2026-11-30", 182_500, 50_000), point("2026-12-07", 0, 0)], SIZE);
    expect(layout.max).toBe(200_000);
    expect(layout.ticks.map((tick) => [tick.value, tick.y])).toEqual([
      [0, 220],
      [50_000, 170],
      [100_000, 120],
      [150_000, 70],
      [200_000, 20],
    ]);
    const [first, second] = layout.groups;
    expect(first?.bars.map((bar) => [bar.measure, bar.value, bar.height])).toEqual([
      ["expected", 182_500, 182.5],
      ["collected", 50_000, 50],
      ["outstanding", 132_500, 132.5],
    ]);
    // Bars stand on the axis line.
    for (const bar of first?.bars ?? []) expect(bar.y + bar.height).toBe(220);
    // Two slots of 150 px side by side; an empty week keeps its place with zero-height bars.
    expect([first?.x, second?.x, first?.width]).toEqual([100, 250, 150]);
    expect(second?.bars.map((bar) => bar.height)).toEqual([0, 0, 0]);
    expect(second?.start).toBe("2026-12-07");
  });

  it("keeps bars inside their group and never below the axis for a negative value", () => {
    const layout = chartLayout([point("2026-12-01", 1000, 1500)], SIZE); // refunds: outstanding -500
    const group = layout.groups[0];
    const outstanding = group?.bars.find((bar) => bar.measure === "outstanding");
    expect(outstanding?.height).toBe(0);
    for (const bar of group?.bars ?? []) {
      expect(bar.x).toBeGreaterThanOrEqual(group?.x ?? 0);
      expect(bar.x + bar.width).toBeLessThanOrEqual((group?.x ?? 0) + (group?.width ?? 0));
    }
  });

  it("lays out an empty series as an axis without bars", () => {
    const layout = chartLayout([], SIZE);
    expect(layout.groups).toEqual([]);
    expect(layout.max).toBe(100);
  });
});
