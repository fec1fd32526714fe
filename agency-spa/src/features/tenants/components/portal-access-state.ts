import type { PortalAccess } from "../api/portal-access";

/** What the portal access card offers: the state to show and the one action staff may take. */
export function portalAccessAction(access: PortalAccess, canWrite: boolean): "disable" | "enable" | null {
  if (!canWrite) return null;
  if (access.status === "enabled") return "disable";
  if (access.status === "disabled") return "enable";
  return null; // no account: nothing to turn off
}
