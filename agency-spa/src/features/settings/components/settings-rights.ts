import type { Role } from "@/lib/auth/permissions";

// The role each settings route of the API requires (agencies/router.py, audit/router.py): every
// role reads them; the UI offers a change only to those the API would accept it from.
/** PATCH /agency (profile, contact, invoices, features, reminders), staff, the approval threshold. */
export function canEditAgency(role: Role | undefined): boolean {
  return role === "owner";
}

/** PATCH /trust-account: FinanceAdminDep. */
export function canEditTrustAccount(role: Role | undefined): boolean {
  return role === "owner" || role === "accountant";
}
