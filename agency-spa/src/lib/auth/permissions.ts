import type { Me } from "./me";
import { useMe } from "./me";

export type Role = Me["user"]["role"];

export type Resource = "properties" | "units" | "tenants" | "leases" | "invoices" | "payments" | "approvals";
export type Action = `${Resource}:${"read" | "write"}`;

/** The agency's book: properties, units, tenants and leases. */
const BOOK: readonly Resource[] = ["properties", "units", "tenants", "leases"];
/** Money handled day to day: invoices (create, approve, void, credit, payment links) and payments (record, allocate, refund). */
const FINANCE: readonly Resource[] = ["invoices", "payments"];
const RESOURCES: readonly Resource[] = [...BOOK, ...FINANCE, "approvals"];
const readAll: Action[] = RESOURCES.map((resource): Action => `${resource}:read`);
const write = (resources: readonly Resource[]): Action[] => resources.map((resource): Action => `${resource}:write`);

/**
 * What each staff role may do, as the API decides it (auth/dependencies.py): viewers only read;
 * owners and managers change the book (BookWriterDep); owners, managers and accountants handle
 * money (FinanceWriterDep); owners and accountants decide on approvals (FinanceAdminDep), and
 * never on one they asked for themselves (checked per approval, see the approvals inbox). The
 * API enforces all of this too: the UI only hides what would be refused.
 */
const PERMISSIONS: Record<Role, ReadonlySet<Action>> = {
  owner: new Set([...readAll, ...write(RESOURCES)]),
  manager: new Set([...readAll, ...write(BOOK), ...write(FINANCE)]),
  accountant: new Set([...readAll, ...write(FINANCE), "approvals:write"]),
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
