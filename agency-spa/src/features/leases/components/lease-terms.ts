import type { components } from "@doorstep/web-shared/lib/api/schema";
import { maxDueDay, type RentFrequency } from "@/lib/format/due-day";
import { parseMoney, type ParseMoneyError } from "@doorstep/web-shared/lib/format/parse-money";

/**
 * The rules of the lease form, apart from React so they can be tested on their own. They mirror
 * the API's (leases/service.py) so that most mistakes are caught before sending; the API stays
 * the authority and its field errors are shown on the same fields.
 */

export type LeaseCreate = components["schemas"]["LeaseCreate"];
export type LeaseUpdate = components["schemas"]["LeaseUpdate"];
export type TenantSummary = components["schemas"]["TenantSummary"];

export type TermsField = "start_date" | "end_date" | "rent.amount" | "frequency" | "due_day" | "holding_over";
export type LeaseFormField = TermsField | "property_id" | "unit_id" | "tenant_ids";

/** API field paths the lease forms show: "rent" catches `rent.currency` and the like. */
export const LEASE_FORM_FIELDS: readonly (LeaseFormField | "rent")[] = [
  "property_id",
  "unit_id",
  "tenant_ids",
  "start_date",
  "end_date",
  "rent.amount",
  "rent",
  "frequency",
  "due_day",
  "holding_over",
];

/** What the user typed: strings as in the inputs, the rent in major units. */
export interface LeaseTermsValues {
  startDate: string;
  endDate: string;
  rent: string;
  frequency: RentFrequency;
  dueDay: number;
  holdingOver: boolean;
}

export interface LeaseFormValues extends LeaseTermsValues {
  propertyId: string;
  unitId: string;
  tenants: TenantSummary[];
}

export const DEFAULT_TERMS: LeaseTermsValues = {
  startDate: "",
  endDate: "",
  rent: "",
  frequency: "monthly",
  dueDay: 1,
  holdingOver: false,
};

export type LeaseErrorKey =
  | "form.required"
  | "leases.errors.chooseProperty"
  | "leases.errors.chooseUnit"
  | "leases.errors.chooseTenant"
  | "leases.errors.endBeforeStart"
  | "leases.errors.rentZero"
  | "leases.errors.dueDay"
  | `money.${ParseMoneyError}`;

export type LeaseErrors = Partial<Record<LeaseFormField, LeaseErrorKey>>;

/**
 * Switching frequency keeps the due day when it still means something (day 1-7 exists both as a
 * day of the month and as a weekday); a day of the month above 7 becomes Monday.
 */
export function withFrequency<V extends LeaseTermsValues>(values: V, frequency: RentFrequency): V {
  const dueDay = values.dueDay > maxDueDay(frequency) ? 1 : values.dueDay;
  return { ...values, frequency, dueDay };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface ReadTerms {
  start_date: string;
  end_date: string | null;
  rent: { amount: number; currency: string };
  frequency: RentFrequency;
  due_day: number;
  holding_over: boolean;
}

/** Checks the terms and builds them as the API takes them; the rent is parsed exactly (parseMoney). */
export function readTerms(
  values: LeaseTermsValues,
  currency: string,
  locale: string,
): { ok: true; terms: ReadTerms } | { ok: false; errors: LeaseErrors } {
  const errors: LeaseErrors = {};
  if (!ISO_DATE.test(values.startDate)) errors.start_date = "form.required";
  if (values.endDate !== "" && ISO_DATE.test(values.startDate) && values.endDate < values.startDate) {
    errors.end_date = "leases.errors.endBeforeStart";
  }
  const rent = parseMoney(values.rent, currency, locale);
  if (!rent.ok) errors["rent.amount"] = `money.${rent.error}`;
  else if (rent.amount === 0) errors["rent.amount"] = "leases.errors.rentZero";
  if (!Number.isInteger(values.dueDay) || values.dueDay < 1 || values.dueDay > maxDueDay(values.frequency)) {
    errors.due_day = "leases.errors.dueDay";
  }
  if (!rent.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    terms: {
      start_date: values.startDate,
      end_date: values.endDate === "" ? null : values.endDate,
      rent: { amount: rent.amount, currency },
      frequency: values.frequency,
      due_day: values.dueDay,
      holding_over: values.holdingOver,
    },
  };
}

/** The whole create form: a unit, at least one tenant, and valid terms. */
export function readLeaseForm(
  values: LeaseFormValues,
  currency: string,
  locale: string,
): { ok: true; body: LeaseCreate } | { ok: false; errors: LeaseErrors } {
  const errors: LeaseErrors = {};
  if (values.propertyId === "") errors.property_id = "leases.errors.chooseProperty";
  else if (values.unitId === "") errors.unit_id = "leases.errors.chooseUnit";
  if (values.tenants.length === 0) errors.tenant_ids = "leases.errors.chooseTenant";
  const terms = readTerms(values, currency, locale);
  if (!terms.ok || Object.keys(errors).length > 0) {
    return { ok: false, errors: { ...errors, ...(terms.ok ? {} : terms.errors) } };
  }
  const { end_date, ...rest } = terms.terms;
  return {
    ok: true,
    body: {
      unit_id: values.unitId,
      tenant_ids: values.tenants.map((tenant) => tenant.id),
      ...rest,
      ...(end_date === null ? {} : { end_date }),
    },
  };
}

/** The end-date and holding-over part of an active lease, checked against its (locked) start. */
export function readActiveTerms(
  values: Pick<LeaseTermsValues, "endDate" | "holdingOver">,
  startDate: string,
): { ok: true; body: LeaseUpdate } | { ok: false; errors: LeaseErrors } {
  if (values.endDate !== "" && values.endDate < startDate) {
    return { ok: false, errors: { end_date: "leases.errors.endBeforeStart" } };
  }
  return { ok: true, body: { end_date: values.endDate === "" ? null : values.endDate, holding_over: values.holdingOver } };
}
