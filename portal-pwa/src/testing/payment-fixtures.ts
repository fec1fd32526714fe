import { vi } from "vitest";
import type { LeaseBalance } from "@/features/payments/api/get-my-balance";
import type { PaymentInstructions } from "@/features/payments/api/get-my-payment-instructions";
import type { SavedCard } from "@/features/payments/api/get-my-cards";
import type { Invoice } from "@/features/payments/api/get-my-invoice";
import type { Payment } from "@/features/payments/api/get-my-payments";
import type { TransferProof } from "@/features/payments/api/get-my-transfer-proof";
import type { CardPayment, CardSetup } from "@/features/payments/api/pay-my-invoice";
import type { PaymentLinkInvoice } from "@/features/payments/api/pay-link";
import type { StripeCardElement, StripeJs, StripeLoader } from "@/lib/stripe/stripe-js";

const LEASE_ID = "5a7c0e2d-0000-4000-8000-000000000101";

/** One of Tess's invoices as GET /api/v1/portal/invoices lists it: December's rent, open. */
export function invoice(overrides: Partial<Invoice> = {}): Invoice {
  return {
    id: "9c1e2d3f-0000-4000-8000-000000000301",
    number: 42,
    lease_id: LEASE_ID,
    kind: "rent",
    status: "open",
    state: "open",
    currency: "EUR",
    issue_date: "2026-11-20",
    due_date: "2026-12-01",
    period_start: "2026-12-01",
    period_end: "2026-12-31",
    lines: [{ description: "Rent December 2026", amount: 95000 }],
    total: 95000,
    credited: 0,
    paid: 0,
    outstanding: 95000,
    overdue: false,
    property_name: "Residence Louise",
    unit_name: "Flat 1A",
    tenant_names: ["Tess Janssens"],
    approved_at: "2026-11-20T09:00:00Z",
    void_reason: null,
    ...overrides,
  };
}

export function paidInvoice(overrides: Partial<Invoice> = {}): Invoice {
  return invoice({ state: "paid", paid: 95000, outstanding: 0, ...overrides });
}

export function balance(overrides: Partial<LeaseBalance> = {}): LeaseBalance {
  const base = { lease_id: LEASE_ID, currency: "EUR", outstanding: 95000, credit: 0, balance: 95000, overdue: 0, pending: 0, ...overrides };
  return { ...base, to_pay: overrides.to_pay ?? Math.max(base.balance - base.pending, 0) };
}

export function paymentInstructions(overrides: Partial<PaymentInstructions> = {}): PaymentInstructions {
  return {
    lease_id: LEASE_ID,
    beneficiary: "Immo Louise – client account",
    iban: "BE71096123456769",
    bic: "GKCCBEBB",
    account_number: null,
    reference: "RF18539007547034",
    ...overrides,
  };
}

export function savedCard(overrides: Partial<SavedCard> = {}): SavedCard {
  return { id: "pm_saved_visa", brand: "visa", last4: "4242", exp_month: 12, exp_year: 2030, ...overrides };
}

export function payment(overrides: Partial<Payment> = {}): Payment {
  return {
    id: "b7d0c3a1-0000-4000-8000-000000000401",
    lease_id: LEASE_ID,
    payer_name: "Tess Janssens",
    method: "card",
    status: "succeeded",
    amount: 95000,
    currency: "EUR",
    received_on: "2026-12-01",
    reference: "Invoice 42",
    receipt_number: 17,
    refunded: 0,
    invoice_numbers: [42],
    created_at: "2026-12-01T08:30:00Z",
    ...overrides,
  };
}

/** A proof of a bank transfer Tess sent for invoice 42, waiting for the agency. */
export function transferProof(overrides: Partial<TransferProof> = {}): TransferProof {
  return {
    id: "c4e5f6a7-0000-4000-8000-000000000501",
    lease_id: LEASE_ID,
    invoice_id: invoice().id,
    invoice_number: 42,
    status: "submitted",
    amount: 95000,
    currency: "EUR",
    paid_on: "2026-11-28",
    reference: "Invoice 42",
    note: null,
    file_name: "transfer.pdf",
    decided_at: null,
    rejection_reason: null,
    payment_id: null,
    created_at: "2026-11-28T10:15:00Z",
    ...overrides,
  };
}

export function cardSetup(overrides: Partial<CardSetup> = {}): CardSetup {
  return {
    client_secret: "seti_123_secret_abc",
    publishable_key: "pk_test_doorstep",
    stripe_js_url: "http://127.0.0.1:8420/js.stripe.com/v3/",
    ...overrides,
  };
}

export function cardPayment(overrides: Partial<CardPayment> = {}): CardPayment {
  return {
    payment_id: "b7d0c3a1-0000-4000-8000-000000000401",
    invoice_id: invoice().id,
    status: "succeeded",
    amount: 95000,
    currency: "EUR",
    receipt_number: 17,
    client_secret: null,
    ...overrides,
  };
}

export function paymentLink(overrides: Partial<PaymentLinkInvoice> = {}): PaymentLinkInvoice {
  return {
    agency_name: "Demo Lettings",
    agency_locale: "nl-BE",
    agency_timezone: "Europe/Brussels",
    invoice_number: 42,
    reference: "Invoice 42",
    property_name: "Residence Louise",
    unit_name: "1A",
    property_address: "Avenue Louise 120, 1050 Brussels",
    period_start: "2026-12-01",
    period_end: "2026-12-31",
    amount_due: 95000,
    currency: "EUR",
    due_date: "2026-12-01",
    state: "open",
    payable: true,
    expires_at: "2026-12-15T09:00:00Z",
    ...overrides,
  };
}

/**
 * A stand-in for Stripe.js (what `window.Stripe(key)` returns): a card Element that mounts one
 * plain input, confirmCardSetup answering with a payment method (or what a test sets), and
 * confirmCardPayment for 3-D Secure. The loader records where Stripe.js was loaded from.
 */
/**
 * A fake Stripe.js. Its card Element reports what the payer typed the way Stripe.js does (a
 * `change` event with `empty` and `complete`): by default a complete card as soon as it is
 * mounted; `typed: "nothing"` leaves it empty, and `type()` reports another state later.
 */
export function fakeStripe({ typed = "complete" }: { typed?: "complete" | "nothing" } = {}) {
  const handlers: ((event?: unknown) => void)[] = [];
  const type = (event: { empty: boolean; complete: boolean; error?: { code: string } }) => {
    for (const handler of handlers) handler(event);
  };
  const card: StripeCardElement & { mounted: HTMLElement | null } = {
    mounted: null,
    mount: vi.fn((target: HTMLElement | string) => {
      if (typeof target === "string") throw new Error("mount with an element");
      const input = document.createElement("input");
      input.placeholder = "number";
      target.appendChild(input);
      card.mounted = target;
      if (typed === "complete") type({ empty: false, complete: true });
    }),
    unmount: vi.fn(),
    destroy: vi.fn(() => {
      card.mounted?.replaceChildren();
      card.mounted = null;
    }),
    on: vi.fn((event: string, handler: (event?: unknown) => void) => {
      if (event === "change") handlers.push(handler);
    }),
  };
  const stripe = {
    elements: vi.fn(() => ({ create: vi.fn(() => card) })),
    confirmCardSetup: vi.fn<StripeJs["confirmCardSetup"]>(() => Promise.resolve({ setupIntent: { id: "seti_123", status: "succeeded", payment_method: "pm_new_card" } })),
    confirmCardPayment: vi.fn<StripeJs["confirmCardPayment"]>(() => Promise.resolve({ paymentIntent: { id: "pi_1", status: "succeeded" } })),
  } satisfies StripeJs;
  const load = vi.fn<StripeLoader>(() => Promise.resolve(stripe));
  return { stripe, card, load, type };
}
