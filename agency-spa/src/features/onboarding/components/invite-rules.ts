import type { InviteStatus } from "../api/list-invites";

/** Seed 001: "Resend … is available for invites with a 'Pending' or 'Expired' status." */
export function canResend(status: InviteStatus): boolean {
  return status === "pending" || status === "expired";
}

/** Only a pending invite has a link left to kill. */
export function canCancel(status: InviteStatus): boolean {
  return status === "pending";
}
