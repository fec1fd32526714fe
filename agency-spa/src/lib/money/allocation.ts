import { formatMoneyInput, parseMoney, type ParseMoneyError } from "@doorstep/web-shared/lib/format/parse-money";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type AllocationIn = components["schemas"]["AllocationIn"];

/**
 * How staff split money over a lease's open invoices (payments/ledger/service.py: allocate) — a payment
 * being recorded, a payment's remaining credit, a tenant's transfer proof being confirmed. The
 * API is the authority — it re-checks every rule under row locks — but the form says what is
 * wrong before anything is sent.
 */

export interface AllocatableInvoice {
  id: string;
  /** What the invoice still asks for, as the API derived it. */
  outstanding: number;
}

/**
 * A sensible first split of `amount`: the invoice the form was opened for first (if any), then
 * the others in the order given (oldest due first), each getting what it still asks for until
 * the money runs out. What is left stays as the tenant's credit.
 */
export function prefillAllocations(amount: number, invoices: readonly AllocatableInvoice[], firstId?: string): Map<string, number> {
  const ordered = [...invoices.filter((invoice) => invoice.id === firstId), ...invoices.filter((invoice) => invoice.id !== firstId)];
  const split = new Map<string, number>();
  let left = amount;
  for (const invoice of ordered) {
    const portion = Math.min(left, Math.max(invoice.outstanding, 0));
    if (portion > 0) split.set(invoice.id, portion);
    left -= portion;
  }
  return split;
}

/** The split as the inputs show it (major units in the UI language's notation; empty for nothing). */
export function allocationInputs(split: ReadonlyMap<string, number>, invoices: readonly AllocatableInvoice[], currency: string, locale: string) {
  return Object.fromEntries(invoices.map((invoice) => {
    const amount = split.get(invoice.id) ?? 0;
    return [invoice.id, amount === 0 ? "" : formatMoneyInput(amount, currency, locale)];
  }));
}

export type AllocationErrorKey = `money.${ParseMoneyError}` | "payments.errors.allocationTooLarge";

export interface ReadAllocations {
  /** What the API is sent: only invoices given a positive amount. */
  allocations: AllocationIn[];
  /** Per invoice id, why its amount was refused. */
  errors: Partial<Record<string, AllocationErrorKey>>;
  /** The sum of the amounts that read correctly. */
  allocated: number;
  /** The sum is more than the money there is to allocate. */
  overAllocated: boolean;
}

/**
 * Reads the amounts typed per invoice: each must be a valid amount (empty means none) and at
 * most what that invoice still asks for; together they may not exceed `available` (the payment,
 * or what is left of it). What is not allocated becomes, or stays, credit on the lease.
 */
export function readAllocations(
  inputs: Readonly<Record<string, string>>,
  invoices: readonly AllocatableInvoice[],
  available: number,
  currency: string,
  locale: string,
): ReadAllocations {
  const allocations: AllocationIn[] = [];
  const errors: Partial<Record<string, AllocationErrorKey>> = {};
  let allocated = 0;
  for (const invoice of invoices) {
    const text = (inputs[invoice.id] ?? "").trim();
    if (text === "") continue;
    const amount = parseMoney(text, currency, locale);
    if (!amount.ok) {
      errors[invoice.id] = `money.${amount.error}`;
      continue;
    }
    if (amount.amount === 0) continue;
    if (amount.amount > invoice.outstanding) {
      errors[invoice.id] = "payments.errors.allocationTooLarge";
      continue;
    }
    allocated += amount.amount;
    allocations.push({ invoice_id: invoice.id, amount: amount.amount });
  }
  return { allocations, errors, allocated, overAllocated: allocated > available };
}
