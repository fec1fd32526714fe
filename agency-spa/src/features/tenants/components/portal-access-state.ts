import type { PortalAccess } from "../api/portal-access";

/** What the portal access card offers: the state to show and the one action staff may take. */
export function portalAccessAction(access: PortalAccess, canWrite: boolean): "disable" | "enable" | null {
  if (!canWrite) return null;
  if (access.status === "enabled") return "disable";
  if (access.status === "disabled") return "enable";
  return null; // no account: nothing to turn off
}

/**
 * What the tenant's page offers next to their name: an invite to the portal while they have no
 * account, or the fact that they have one (an invite would be refused: they sign in, or reset
 * their password). Nothing for staff who cannot send invites.
 */
export function portalInviteOffer(tenant: { has_portal_account: boolean }, canInvite: boolean): "invite" | "has-account" | null {
  if (!canInvite) return null;
  return tenant.has_portal_account ? "has-account" : "invite";
}
