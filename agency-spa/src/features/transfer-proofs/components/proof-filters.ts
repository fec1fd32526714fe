import { PROOF_STATUSES, type ProofStatus } from "../api/list-proofs";

/** `?status=` as the queue reads it: absent (or unknown) is the review queue, `all` every status. */
export function statusFilter(value: string): ProofStatus | "" {
  if (value === "all") return "";
  return PROOF_STATUSES.find((status) => status === value) ?? "submitted";
}

/** A file's size in words ("84 kB", "2.4 MB"), in the UI language. */
export function formatFileSize(bytes: number, locale: string): string {
  const [value, unit] = bytes >= 1_000_000 ? [bytes / 1_000_000, "megabyte"] : bytes >= 1_000 ? [bytes / 1_000, "kilobyte"] : [bytes, "byte"];
  return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: unit === "byte" ? 0 : 1 }).format(value);
}
