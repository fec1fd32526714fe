import type { SeriesPoint } from "../api/get-summary";

export const MEASURES = ["expected", "collected", "outstanding"] as const;
export type Measure = (typeof MEASURES)[number];

export interface Bar {
  measure: Measure;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface BarGroup {
  start: string;
  end: string;
  x: number;
  width: number;
  bars: Bar[];
}

export interface ChartLayout {
  width: number;
  height: number;
  /** The top of the value axis, a round number at or above the largest value. */
  max: number;
  /** Values of the gridlines, from 0 to max, with their y. */
  ticks: { value: number; y: number }[];
  plot: { left: number; top: number; right: number; bottom: number };
  groups: BarGroup[];
}

export interface ChartSize {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const DEFAULT_SIZE: ChartSize = { width: 720, height: 260, left: 88, right: 12, top: 12, bottom: 40 };

/**
 * A round value axis maximum: the smallest 1, 2, 2.5 or 5 × 10ⁿ (in minor units) at or above
 * `value`, so gridlines fall on amounts people read at a glance. Zero stays one unit high.
 */
export function niceMax(value: number, minorUnit = 100): number {
  if (value <= 0) return minorUnit;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const candidate = step * magnitude;
    if (candidate >= value) return Math.round(candidate);
  }
  return 10 * magnitude;
}

/**
 * Lays out the grouped bar chart of expected / collected / outstanding per point of the series:
 * pure geometry (tested), so the SVG component only draws it. Bars of a zero value have no
 * height but keep their slot, so the groups line up.
 */
export function chartLayout(series: SeriesPoint[], size: ChartSize = DEFAULT_SIZE, tickCount = 4): ChartLayout {
  const plot = { left: size.left, top: size.top, right: size.width - size.right, bottom: size.height - size.bottom };
  const plotHeight = plot.bottom - plot.top;
  const largest = Math.max(0, ...series.flatMap((point) => MEASURES.map((measure) => point[measure])));
  const max = niceMax(largest);
  const yOf = (value: number) => plot.bottom - (Math.max(0, value) / max) * plotHeight;
  const ticks = Array.from({ length: tickCount + 1 }, (_, index) => {
    const value = Math.round((max * index) / tickCount);
    return { value, y: yOf(value) };
  });
  const slot = series.length === 0 ? 0 : (plot.right - plot.left) / series.length;
  const padding = slot * 0.15;
  const barWidth = (slot - 2 * padding) / MEASURES.length;
  const groups = series.map((point, index) => {
    const x = plot.left + index * slot;
    return {
      start: point.start,
      end: point.end,
      x,
      width: slot,
      bars: MEASURES.map((measure, position) => {
        const value = point[measure];
        const y = yOf(value);
        return { measure, value, x: x + padding + position * barWidth, y, width: barWidth, height: plot.bottom - y };
      }),
    };
  });
  return { width: size.width, height: size.height, max, ticks, plot, groups };
}
