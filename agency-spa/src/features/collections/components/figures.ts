import type { Figures } from "../api/get-summary";

/** Collected as a share of expected, in whole percent (floored: 99.6 % is not "100 %"). */
export function collectionRate(figures: Figures): number | undefined {
  if (figures.expected <= 0) return undefined;
  return Math.floor((Math.max(0, figures.collected) * 100) / figures.expected);
}
