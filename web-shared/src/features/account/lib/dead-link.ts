import { ApiError, problemSlug } from "../../../lib/api/problem";

export type DeadReason = "used" | "expired" | "unknown";

/** Why an e-mailed account link cannot be used, from the API's answer; undefined for any other problem. */
export function deadLinkReason(error: unknown): DeadReason | undefined {
  const slug = problemSlug(error);
  if (slug === "account-link-used") return "used";
  if (slug === "account-link-expired") return "expired";
  if (error instanceof ApiError && error.status === 404) return "unknown";
  return undefined;
}
