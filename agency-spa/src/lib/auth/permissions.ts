import type { Me } from "./me";
import { useMe } from "./me";

export type Role = Me["user"]["role"];

export type Resource = "properties" | "units" | "tenants" | "leases";
export type Action = `${Resource}:${"read" | "write"}`;

const RESOURCES: readonly Resource[] = ["properties", "units", "tenants", "leases"];
const readAll: Action[] = RESOURCES.map((resource): Action => `${resource}:read`);
const writeAll: Action[] = RESOURCES.map((resource): Action => `${resource}:write`);

/**
 * What each staff role may do (API contract: viewer is read-only; the accountant reads but cannot
 * edit properties, units, tenants or leases; owner and manager may). The API enforces this too:
 * the UI only hides what would be refused.
 */
const PERMISSIONS: Record<Role, ReadonlySet<Action>> = {
  owner: new Set([...readAll, ...writeAll]),
  manager: new Set([...readAll, ...writeAll]),
  accountant: new Set(readAll),
  viewer: new Set(readAll),
};

export function can(role: Role | undefined, action: Action): boolean {
  if (role === undefined) return false;
  // A role this build does not know yet (the API added one) gets nothing rather than a crash.
  const allowed = (PERMISSIONS as Partial<Record<string, ReadonlySet<Action>>>)[role];
  return allowed?.has(action) ?? false;
}

export interface RoleInfo {
  role: Role | undefined;
  can: (action: Action) => boolean;
}

/** The signed-in user's role and a `can(action)` check bound to it (false while loading). */
export function useRole(): RoleInfo {
  const { data } = useMe();
  const role = data?.user.role;
  return { role, can: (action) => can(role, action) };
}
