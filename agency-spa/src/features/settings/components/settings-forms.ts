import type { Me } from "@/lib/auth/me";
import type { AgencyUpdate, TrustAccount, TrustAccountUpdate } from "../api/settings";
import { parseDays } from "./reminder-days";

export const MIN_LEAD_DAYS = 0;
export const MAX_LEAD_DAYS = 60;

type Agency = Me["agency"];
export type Features = Me["features"];
export const FEATURES = ["tenant_portal", "online_payments", "payment_links", "automated_messages"] as const satisfies readonly (keyof Features)[];

export interface AgencyFormValues {
  name: string;
  locale: string;
  timezone: string;
  contact_email: string;
  contact_phone: string;
  invoice_lead_days: string;
  auto_approve_invoices: boolean;
}
export type AgencyField = keyof AgencyFormValues;
export const AGENCY_FIELDS = ["name", "locale", "timezone", "contact_email", "contact_phone", "invoice_lead_days", "auto_approve_invoices"] as const satisfies readonly AgencyField[];
export type AgencyErrorKey = "settings.errors.required" | "settings.agency.leadDaysInvalid";

export function agencyFormValues(agency: Agency): AgencyFormValues {
  const { settings } = agency;
  return {
    name: agency.name,
    locale: agency.locale,
    timezone: agency.timezone,
    contact_email: settings.contact_email ?? "",
    contact_phone: settings.contact_phone ?? "",
    invoice_lead_days: String(settings.invoice_lead_days),
    auto_approve_invoices: settings.auto_approve_invoices,
  };
}

type Read<Body, Key extends string, Field extends string> = { ok: true; body: Body | null } | { ok: false; errors: Partial<Record<Field, Key>> };

/**
 * The PATCH /agency body of what was changed, and nothing else (two owners editing different
 * settings do not undo each other); null when nothing was. An emptied help contact is sent as
 * null, which removes it.
 */
export function readAgencyForm(saved: AgencyFormValues, edited: AgencyFormValues): Read<AgencyUpdate, AgencyErrorKey, AgencyField> {
  const errors: Partial<Record<AgencyField, AgencyErrorKey>> = {};
  const body: AgencyUpdate = {};
  const settings: NonNullable<AgencyUpdate["settings"]> = {};
  for (const field of ["name", "locale", "timezone"] as const) {
    const value = edited[field].trim();
    if (value === "") errors[field] = "settings.errors.required";
    else if (value !== saved[field]) body[field] = value;
  }
  for (const field of ["contact_email", "contact_phone"] as const) {
    const value = edited[field].trim();
    if (value !== saved[field]) settings[field] = value === "" ? null : value;
  }
  if (edited.invoice_lead_days.trim() !== saved.invoice_lead_days) {
    const days = parseDays(edited.invoice_lead_days, MIN_LEAD_DAYS, MAX_LEAD_DAYS);
    if (days === null) errors.invoice_lead_days = "settings.agency.leadDaysInvalid";
    else settings.invoice_lead_days = days;
  }
  if (edited.auto_approve_invoices !== saved.auto_approve_invoices) settings.auto_approve_invoices = edited.auto_approve_invoices;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (Object.keys(settings).length > 0) body.settings = settings;
  return { ok: true, body: Object.keys(body).length > 0 ? body : null };
}

/** The feature switches that were flipped, as PATCH /agency's `settings.features`; null when none. */
export function featureChanges(saved: Features, edited: Features): AgencyUpdate | null {
  const features: Partial<Features> = {};
  for (const feature of FEATURES) {
    if (edited[feature] !== saved[feature]) features[feature] = edited[feature];
  }
  return Object.keys(features).length > 0 ? { settings: { features } } : null;
}

export interface TrustAccountFormValues {
  name: string;
  iban: string;
  bic: string;
  account_number: string;
  receipt_oldest_invoice_first: boolean;
}
export type TrustAccountField = keyof TrustAccountFormValues;
export const TRUST_ACCOUNT_FIELDS = ["name", "iban", "bic", "account_number", "receipt_oldest_invoice_first"] as const satisfies readonly TrustAccountField[];

export function trustAccountFormValues(account: TrustAccount): TrustAccountFormValues {
  return {
    name: account.name,
    iban: account.iban ?? "",
    bic: account.bic ?? "",
    account_number: account.account_number ?? "",
    receipt_oldest_invoice_first: account.receipt_oldest_invoice_first,
  };
}

/**
 * The PATCH /trust-account body of what was changed; null when nothing was. The bank details
 * may be emptied (sent as null: the account then has no IBAN); the holder's name may not.
 */
export function readTrustAccountForm(
  saved: TrustAccountFormValues,
  edited: TrustAccountFormValues,
): Read<TrustAccountUpdate, "settings.errors.required", TrustAccountField> {
  const body: TrustAccountUpdate = {};
  const name = edited.name.trim();
  if (name === "") return { ok: false, errors: { name: "settings.errors.required" } };
  if (name !== saved.name) body.name = name;
  for (const field of ["iban", "bic", "account_number"] as const) {
    const value = edited[field].trim();
    if (value !== saved[field]) body[field] = value === "" ? null : value;
  }
  if (edited.receipt_oldest_invoice_first !== saved.receipt_oldest_invoice_first) {
    body.receipt_oldest_invoice_first = edited.receipt_oldest_invoice_first;
  }
  return { ok: true, body: Object.keys(body).length > 0 ? body : null };
}
