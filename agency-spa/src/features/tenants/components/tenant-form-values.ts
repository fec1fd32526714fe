import type { Tenant } from "../api/list-tenants";
import type { TenantUpdate } from "../api/update-tenant";

export type TenantField = "first_name" | "last_name" | "email" | "phone";
export type TenantFormValues = Record<TenantField, string>;

export const EMPTY_TENANT: TenantFormValues = { first_name: "", last_name: "", email: "", phone: "" };

/** Only what changed is sent; an emptied phone number is cleared (null). */
export function tenantChanges(before: Tenant, after: TenantFormValues): TenantUpdate {
  const changes: TenantUpdate = {};
  if (after.first_name !== before.first_name) changes.first_name = after.first_name;
  if (after.last_name !== before.last_name) changes.last_name = after.last_name;
  if (after.email !== before.email) changes.email = after.email;
  // The form shows the number as the agency's country writes it; unchanged, it is not sent.
  const shownPhone = before.phone_display ?? before.phone ?? "";
  if (after.phone !== shownPhone && after.phone !== (before.phone ?? "")) changes.phone = after.phone === "" ? null : after.phone;
  return changes;
}
