import type { components } from "@doorstep/web-shared/lib/api/schema";
import type { Me } from "@/lib/auth/me";
import type { Role } from "@/lib/auth/permissions";

/** GET /api/v1/me as the API answers it, for a user with `role`. */
export function staffMe(role: Role = "owner"): Me {
  return {
    user: {
      id: "0b6f1d4e-0000-4000-8000-000000000001",
      email: `${role}@demo.doorstep.test`,
      first_name: "Ann",
      last_name: "Peeters",
      role,
      is_active: true,
      last_login_at: null,
    },
    agency: {
      id: "0b6f1d4e-0000-4000-8000-0000000000a1",
      name: "Demo Lettings",
      country: "BE",
      currency: "EUR",
      locale: "nl-BE",
      timezone: "Europe/Brussels",
      settings: {
        invoice_lead_days: 14,
        auto_approve_invoices: false,
        approval_threshold: 50000,
        reminder_days_before_due: 3,
        features: { tenant_portal: true, online_payments: true, payment_links: true, automated_messages: true },
      },
    },
    features: { tenant_portal: true, online_payments: true, payment_links: true, automated_messages: true },
  };
}

type Schemas = components["schemas"];

export function aProperty(overrides: Partial<Schemas["PropertyOut"]> = {}): Schemas["PropertyOut"] {
  return {
    id: "0b6f1d4e-0000-4000-8000-0000000000b1",
    name: "Residence Louise",
    address_line1: "Avenue Louise 120",
    address_line2: null,
    city: "Brussels",
    postal_code: "1050",
    country: "BE",
    unit_count: 3,
    created_at: "2026-01-01T10:00:00Z",
    ...overrides,
  };
}

export function aUnit(overrides: Partial<Schemas["UnitOut"]> = {}): Schemas["UnitOut"] {
  return {
    id: "0b6f1d4e-0000-4000-8000-0000000000c1",
    property_id: "0b6f1d4e-0000-4000-8000-0000000000b1",
    property_name: "Residence Louise",
    name: "Flat 1A",
    bedrooms: 2,
    notes: null,
    created_at: "2026-01-01T10:00:00Z",
    ...overrides,
  };
}

export function aTenant(overrides: Partial<Schemas["TenantOut"]> = {}): Schemas["TenantOut"] {
  return {
    id: "0b6f1d4e-0000-4000-8000-0000000000d1",
    first_name: "Tess",
    last_name: "Tenant",
    email: "tenant@doorstep.example",
    phone: "+32470123456",
    phone_display: "0470 12 34 56",
    language: null,
    has_portal_account: true,
    created_at: "2026-01-01T10:00:00Z",
    ...overrides,
  };
}

export function aLease(overrides: Partial<Schemas["LeaseOut"]> = {}): Schemas["LeaseOut"] {
  return {
    id: "0b6f1d4e-0000-4000-8000-0000000000e1",
    unit: {
      id: "0b6f1d4e-0000-4000-8000-0000000000c1",
      name: "Flat 1A",
      property_id: "0b6f1d4e-0000-4000-8000-0000000000b1",
      property_name: "Residence Louise",
      address: "Avenue Louise 120, 1050 Brussels",
    },
    tenants: [
      { id: "0b6f1d4e-0000-4000-8000-0000000000d1", first_name: "Tess", last_name: "Tenant", email: "tenant@doorstep.example" },
    ],
    start_date: "2026-12-01",
    end_date: null,
    rent: { amount: 95000, currency: "EUR" },
    frequency: "monthly",
    due_day: 1,
    holding_over: false,
    status: "draft",
    next_due_date: "2026-12-01",
    created_at: "2026-11-23T10:00:00Z",
    current_rent: { amount: 95000, currency: "EUR" },
    next_rent_review: null,
    rent_history: [],
    ...overrides,
  };
}

/** A cursor page as the API answers lists. */
export function page<T>(items: T[], nextCursor: string | null = null) {
  return { items, next_cursor: nextCursor };
}

export function aFollowUpPreview(overrides: Partial<Schemas["FollowUpPreviewOut"]> = {}): Schemas["FollowUpPreviewOut"] {
  return {
    lease_id: "0b6f1d4e-0000-4000-8000-0000000000e1",
    currency: "EUR",
    overdue_total: 95000,
    credit: 0,
    invoices: [
      { invoice_id: "0b6f1d4e-0000-4000-8000-0000000000f1", number: 7, due_date: "2026-11-01", outstanding: 95000, days_overdue: 31 },
    ],
    messages: [
      {
        tenant_id: "0b6f1d4e-0000-4000-8000-0000000000d1",
        name: "Tess Tenant",
        email: "tenant@doorstep.example",
        subject: "Demo Lettings: 950,00 € overdue for Residence Louise, unit Flat 1A",
        body: "Dear Tess Tenant,\n\n- Invoice 7: 950,00 € still due, due on 1 November 2026 (31 days overdue)\n\nHow to pay\n- By bank transfer…\n\nNeed help?\naccounts@doorstep.example\n",
      },
    ],
    ...overrides,
  };
}

export function aFollowUp(overrides: Partial<Schemas["FollowUpOut"]> = {}): Schemas["FollowUpOut"] {
  const preview = aFollowUpPreview();
  return {
    id: "0b6f1d4e-0000-4000-8000-000000000101",
    lease_id: preview.lease_id,
    channel: "email",
    recipients: [
      {
        tenant_id: "0b6f1d4e-0000-4000-8000-0000000000d1",
        name: "Tess Tenant",
        email: "tenant@doorstep.example",
        message_id: "0b6f1d4e-0000-4000-8000-000000000201",
      },
    ],
    subject: preview.messages[0]?.subject ?? "",
    body: preview.messages[0]?.body ?? "",
    currency: "EUR",
    overdue_total: 95000,
    credit: 0,
    invoices: preview.invoices,
    note: null,
    sent_by_name: "Marc Manager",
    sent_at: "2026-12-02T09:30:00Z",
    outcome: null,
    outcome_note: null,
    outcome_by_name: null,
    outcome_at: null,
    escalated_at: null,
    escalated_by_name: null,
    awaiting_review: false,
    reviewed_at: null,
    reviewed_by_name: null,
    review_note: null,
    ...overrides,
  };
}

export function aStatementLine(overrides: Partial<Schemas["StatementLineOut"]> = {}): Schemas["StatementLineOut"] {
  return {
    id: "0b6f1d4e-0000-4000-8000-000000000301",
    statement_id: "0b6f1d4e-0000-4000-8000-000000000401",
    line_number: 3,
    booked_on: "2026-12-02",
    amount: 95000,
    currency: "EUR",
    direction: "credit",
    reference: "rent dec inv 7",
    counterparty: "T. TENANT",
    status: "unmatched",
    match_kind: null,
    matched_automatically: false,
    payment_id: null,
    invoice_id: null,
    invoice_number: null,
    lease_id: null,
    payout_reference: null,
    ignore_reason: null,
    resolved_by_name: null,
    resolved_at: null,
    ...overrides,
  };
}

export function aStatement(overrides: Partial<Schemas["StatementOut"]> = {}): Schemas["StatementOut"] {
  return {
    id: "0b6f1d4e-0000-4000-8000-000000000401",
    file_name: "december.csv",
    file_sha256: "ab".repeat(32),
    currency: "EUR",
    first_date: "2026-12-01",
    last_date: "2026-12-02",
    imported_by_name: "Anna Accountant",
    imported_at: "2026-12-02T10:00:00Z",
    counts: {
      lines: 4,
      credits: 3,
      debits: 1,
      credit_total: 200000,
      debit_total: 2000,
      matched: 1,
      matched_automatically: 1,
      unmatched: 2,
      ignored: 1,
    },
    ...overrides,
  };
}

export function anInvoice(overrides: Partial<Schemas["InvoiceOut"]> = {}): Schemas["InvoiceOut"] {
  return {
    id: "0b6f1d4e-0000-4000-8000-0000000000f1",
    number: 42,
    lease_id: "0b6f1d4e-0000-4000-8000-0000000000e1",
    kind: "rent",
    status: "open",
    state: "open",
    currency: "EUR",
    issue_date: "2026-11-17",
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
    tenant_names: ["Tess Tenant"],
    approved_at: "2026-11-17T08:00:00Z",
    void_reason: null,
    ...overrides,
  };
}

export function aPayment(overrides: Partial<Schemas["PaymentOut"]> = {}): Schemas["PaymentOut"] {
  return {
    id: "0b6f1d4e-0000-4000-8000-000000000101",
    lease_id: "0b6f1d4e-0000-4000-8000-0000000000e1",
    tenant_id: "0b6f1d4e-0000-4000-8000-0000000000d1",
    tenant_name: "Tess Tenant",
    property_name: "Residence Louise",
    unit_name: "Flat 1A",
    method: "bank_transfer",
    status: "succeeded",
    amount: 95000,
    currency: "EUR",
    received_on: "2026-11-30",
    reference: "RF18 LEASE 1A",
    recorded_by_name: "Ann Peeters",
    receipt_number: 7,
    allocated: 95000,
    refunded: 0,
    unallocated: 0,
    allocations: [
      { invoice_id: "0b6f1d4e-0000-4000-8000-0000000000f1", invoice_number: 42, amount: 95000, created_at: "2026-11-30T10:00:00Z" },
    ],
    refunds: [],
    failure_reason: null,
    created_at: "2026-11-30T10:00:00Z",
    ...overrides,
  };
}

export function anApproval(overrides: Partial<Schemas["ApprovalOut"]> = {}): Schemas["ApprovalOut"] {
  return {
    id: "0b6f1d4e-0000-4000-8000-000000000201",
    kind: "credit_note",
    subject_id: "0b6f1d4e-0000-4000-8000-000000000301",
    invoice_id: "0b6f1d4e-0000-4000-8000-000000000501",
    payment_id: null,
    amount: 60000,
    currency: "EUR",
    summary: "write-off on invoice 42: No heating for a week",
    status: "pending",
    requested_by_id: "0b6f1d4e-0000-4000-8000-000000000002",
    requested_at: "2026-11-30T09:00:00Z",
    decided_by_id: null,
    decided_at: null,
    decision_note: null,
    ...overrides,
  };
}

export function aTrustAccount(overrides: Partial<Schemas["TrustAccountOut"]> = {}): Schemas["TrustAccountOut"] {
  return {
    id: "0b6f1d4e-0000-4000-8000-000000000401",
    name: "Demo Lettings client account",
    receipt_oldest_invoice_first: false,
    iban: "BE68539007547034",
    bic: "GKCCBEBB",
    account_number: null,
    ...overrides,
  };
}

export function aTransferProof(overrides: Partial<Schemas["TransferProofOut"]> = {}): Schemas["TransferProofOut"] {
  return {
    id: "0b6f1d4e-0000-4000-8000-000000000501",
    lease_id: "0b6f1d4e-0000-4000-8000-0000000000e1",
    tenant_id: "0b6f1d4e-0000-4000-8000-0000000000d1",
    tenant_name: "Tess Tenant",
    property_name: "Residence Louise",
    unit_name: "Flat 1A",
    invoice_id: "0b6f1d4e-0000-4000-8000-0000000000f1",
    invoice_number: 42,
    status: "submitted",
    amount: 95000,
    currency: "EUR",
    paid_on: "2026-11-28",
    reference: "RENT DEC 1A",
    note: "Sent from my savings account",
    file_name: "bank-confirmation.pdf",
    content_type: "application/pdf",
    file_size: 48213,
    decided_by_name: null,
    decided_at: null,
    rejection_reason: null,
    payment_id: null,
    created_at: "2026-11-28T18:05:00Z",
    ...overrides,
  };
}
