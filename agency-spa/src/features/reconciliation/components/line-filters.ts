import type { LineDirection, LineStatus } from "../api/list-lines";

export const STATUSES: readonly LineStatus[] = ["unmatched", "matched", "ignored"];
export const DIRECTIONS: readonly LineDirection[] = ["credit", "debit"];

/** The state filter from the address: the review queue unless another state (or "all") is asked for. */
export function statusFilter(value: string | null): LineStatus | "" {
  if (value === "all") return "";
  return STATUSES.find((status) => status === value) ?? "unmatched";
}

export function directionFilter(value: string | null): LineDirection | "" {
  return DIRECTIONS.find((direction) => direction === value) ?? "";
}
