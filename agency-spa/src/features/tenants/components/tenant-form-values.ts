import type { Tenant } from "../api/list-tenants";
import type { TenantUpdate } from "../api/update-tenant";

export type TenantField = "first_name" | "last_name" | "email" | "phone" | "language";
/** The languages a tenant's e-mails and documents can be written in, as the API lists them. */
export type TenantLanguage = NonNullable<Tenant["language"]>;
export const TENANT_LANGUAGES: readonly TenantLanguage[] = ["en", "fr", "nl"];
/** `language` is "" for "the agency's language" (none chosen). */
export type TenantFormValues = Record<Exclude<TenantField, "language">, string> & { language: TenantLanguage | "" };

export const EMPTY_TENANT: TenantFormValues = { first_name: "", last_name: "", email: "", phone: "", language: "" };

export function isTenantLanguage(value: string): value is TenantLanguage {
  return (TENANT_LANGUAGES as readonly string[]).includes(value);
}

/** The form's values for a tenant as the API returns them. */
export function tenantFormValues(tenant: Tenant): TenantFormValues {
  return {
    first_name: tenant.first_name,
    last_name: tenant.last_name,
    email: tenant.email,
    phone: tenant.phone_display ?? tenant.phone ?? "",
    language: tenant.language ?? "",
  };
}

/** Only what changed is sent; an emptied phone number is cleared (null). */
export function tenantChanges(before: Tenant, after: TenantFormValues): TenantUpdate {
  const changes: TenantUpdate = {};
  if (after.first_name !== before.first_name) changes.first_name = after.first_name;
  if (after.last_name !== before.last_name) changes.last_name = after.last_name;
  if (after.email !== before.email) changes.email = after.email;
  // The form shows the number as the agency's country writes it; unchanged, it is not sent.
  const shownPhone = before.phone_display ?? before.phone ?? "";
  if (after.phone !== shownPhone && after.phone !== (before.phone ?? "")) changes.phone = after.phone === "" ? null : after.phone;
  // "" is the agency's language again: the choice is cleared (null).
  if (after.language !== (before.language ?? "")) changes.language = after.language === "" ? null : after.language;
  return changes;
}
