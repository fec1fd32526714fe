import type { Role } from "./permissions";
import { useMe } from "./me";

/**
 * Who may act on the agency's money (API contract, auth/dependencies.py): owners, managers and
 * accountants send follow-ups, document their outcome and reconcile bank statements
 * (FinanceWriter); only owners and accountants review an escalated follow-up (FinanceAdmin).
 * Viewers read everything and change nothing. The API enforces this too: the UI only hides what
 * would be refused.
 */
const FINANCE_WRITERS: ReadonlySet<string> = new Set<Role>(["owner", "manager", "accountant"]);
const FINANCE_REVIEWERS: ReadonlySet<string> = new Set<Role>(["owner", "accountant"]);

export function canWriteFinance(role: Role | undefined): boolean {
  return role !== undefined && FINANCE_WRITERS.has(role);
}

export function canReviewFinance(role: Role | undefined): boolean {
  return role !== undefined && FINANCE_REVIEWERS.has(role);
}

export interface FinanceRole {
  /** The signed-in user is known (false while /me loads). */
  ready: boolean;
  /** May send follow-ups, record outcomes, import and reconcile statements. */
  canWrite: boolean;
  /** May review escalated follow-ups. */
  canReview: boolean;
  /** "Olivia Owner": to tell one's own escalations from others'. */
  fullName: string | undefined;
}

/** The signed-in user's rights over the agency's money (nothing while loading). */
export function useFinanceRole(): FinanceRole {
  const { data } = useMe();
  const role = data?.user.role;
  return {
    ready: data !== undefined,
    canWrite: canWriteFinance(role),
    canReview: canReviewFinance(role),
    fullName: data === undefined ? undefined : `${data.user.first_name} ${data.user.last_name}`,
  };
}
