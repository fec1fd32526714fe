import type { Me } from "./me";
import { useMe } from "./me";

export type Role = Me["user"]["role"];

export type Resource =
  | "properties"
  | "units"
  | "tenants"
  | "leases"
  | "invoices"
  | "payments"
  | "approvals"
  | "collections"
  | "reconciliation"
  | "transfer-proofs"
  | "onboarding"
  | "incidents"
  | "messages";
/** `<resource>:read|write`, and reviewing a follow-up someone escalated. */
export type Action = `${Resource}:${"read" | "write"}` | "collections:review";

// The role groups of the API's dependencies (auth/dependencies.py), mirrored here so that the UI
// offers only what the API would accept. The API enforces all of it too: the UI only hides what
// would be refused.
/** BookWriterDep: change the agency's book. */
const BOOK_WRITERS: readonly Role[] = ["owner", "manager"];
/** FinanceWriterDep: handle money day to day. */
const FINANCE_WRITERS: readonly Role[] = ["owner", "manager", "accountant"];
/** FinanceAdminDep: decide on approvals, review escalations. */
const FINANCE_ADMINS: readonly Role[] = ["owner", "accountant"];

/** The agency's book: properties, units, tenants and leases, onboarding (tasks, flows, invites), and incidents with their contractors. */
const BOOK = ["properties", "units", "tenants", "leases", "onboarding", "incidents"] as const satisfies readonly Resource[];
/**
 * Money handled day to day: invoices (create, approve, void, credit, payment links), payments
 * (record, allocate, refund), collections (follow-ups and their outcome), reconciliation (import
 * and match bank statements) and tenants' transfer proofs (confirm or reject).
 */
const FINANCE = ["invoices", "payments", "collections", "reconciliation", "transfer-proofs"] as const satisfies readonly Resource[];
/** Messages with tenants: every role reads them; those who act for the agency answer (tenants ask about money as often as about the home). */
const MESSAGE_WRITERS: readonly Role[] = ["owner", "manager", "accountant"];
const RESOURCES: readonly Resource[] = [...BOOK, ...FINANCE, "approvals", "messages"];

/**
 * Who may do what: every role reads everything; owners and managers change the book; owners,
 * managers and accountants handle money; owners and accountants decide on approvals — never on
 * one they asked for themselves, checked per approval in the approvals inbox — and review
 * escalated follow-ups (not their own escalations, checked on the follow-up).
 */
const ALLOWED: ReadonlyMap<Action, ReadonlySet<string>> = new Map<Action, ReadonlySet<string>>([
  ...RESOURCES.map((resource): [Action, ReadonlySet<string>] => [`${resource}:read`, new Set<Role>(["owner", "manager", "accountant", "viewer"])]),
  ...BOOK.map((resource): [Action, ReadonlySet<string>] => [`${resource}:write`, new Set(BOOK_WRITERS)]),
  ...FINANCE.map((resource): [Action, ReadonlySet<string>] => [`${resource}:write`, new Set(FINANCE_WRITERS)]),
  ["approvals:write", new Set(FINANCE_ADMINS)],
  ["messages:write", new Set(MESSAGE_WRITERS)],
  ["collections:review", new Set(FINANCE_ADMINS)],
]);

export function can(role: Role | undefined, action: Action): boolean {
  if (role === undefined) return false;
  // A role this build does not know yet (the API added one) gets nothing rather than a crash.
  return ALLOWED.get(action)?.has(role) ?? false;
}

export interface RoleInfo {
  role: Role | undefined;
  /** The signed-in user is known (false while /me loads, when `can` says no to everything). */
  ready: boolean;
  can: (action: Action) => boolean;
}

/** The signed-in user's role and a `can(action)` check bound to it (false while loading). */
export function useRole(): RoleInfo {
  const { data } = useMe();
  const role = data?.user.role;
  return { role, ready: data !== undefined, can: (action) => can(role, action) };
}
