import { parseMoney, type ParseMoneyError } from "@doorstep/web-shared/lib/format/parse-money";
import type { InvoiceCreate } from "../api/create-invoice";

/**
 * The rules of the new-invoice form, apart from React. They mirror the API's (billing/schemas.py
 * and service.py) so most mistakes are caught before sending; the API stays the authority and
 * its field errors land on the same fields (`lines.2.amount`).
 */

/** Rent is generated from the lease's schedule; staff add the others. */
export const STAFF_INVOICE_KINDS = ["deposit", "fee", "other"] as const;
export type StaffInvoiceKind = (typeof STAFF_INVOICE_KINDS)[number];

/** Leases that can be invoiced: live or past. Drafts are not let yet; cancelled ones never were. */
export function invoiceable(lease: { status: string }): boolean {
  return lease.status === "active" || lease.status === "ended";
}

/** The API's cap on lines per invoice. */
export const MAX_LINES = 50;

export interface LineValues {
  /** Stable React key: lines can be removed from the middle. */
  key: string;
  description: string;
  /** Typed in major units, in the UI language's notation. */
  amount: string;
}

export interface InvoiceFormValues {
  leaseId: string;
  kind: StaffInvoiceKind;
  dueDate: string;
  lines: LineValues[];
}

export type InvoiceErrorKey =
  | "form.required"
  | "invoices.errors.chooseLease"
  | "invoices.errors.amountZero"
  | `money.${ParseMoneyError}`;

/** Fields are the API's paths: "lease_id", "due_date", "lines", "lines.0.description", "lines.0.amount". */
export type InvoiceErrors = Partial<Record<string, InvoiceErrorKey>>;

/** The field names the form shows, for mapping the API's problem onto them. */
export function invoiceFormFields(lineCount: number): string[] {
  const lines = Array.from({ length: lineCount }, (_, index) => [`lines.${index}.description`, `lines.${index}.amount`]).flat();
  return ["lease_id", "kind", "due_date", "lines", ...lines];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export type ReadInvoice = { ok: true; body: InvoiceCreate; total: number } | { ok: false; errors: InvoiceErrors };

export function readInvoiceForm(values: InvoiceFormValues, currency: string, locale: string): ReadInvoice {
  const errors: InvoiceErrors = {};
  if (values.leaseId === "") errors.lease_id = "invoices.errors.chooseLease";
  if (!ISO_DATE.test(values.dueDate)) errors.due_date = "form.required";
  const lines: InvoiceCreate["lines"] = [];
  values.lines.forEach((line, index) => {
    const description = line.description.trim();
    if (description === "") errors[`lines.${index}.description`] = "form.required";
    const amount = parseMoney(line.amount, currency, locale);
    if (!amount.ok) errors[`lines.${index}.amount`] = `money.${amount.error}`;
    else if (amount.amount === 0) errors[`lines.${index}.amount`] = "invoices.errors.amountZero";
    else lines.push({ description, amount: amount.amount });
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: { lease_id: values.leaseId, kind: values.kind, due_date: values.dueDate, lines },
    total: lines.reduce((sum, line) => sum + line.amount, 0),
  };
}

/** The sum of the lines typed so far that read as amounts (for the running total). */
export function runningTotal(lines: readonly LineValues[], currency: string, locale: string): number {
  return lines.reduce((sum, line) => {
    const amount = parseMoney(line.amount, currency, locale);
    return amount.ok ? sum + amount.amount : sum;
  }, 0);
}
