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
    ...overrides,
  };
}

/** A cursor page as the API answers lists. */
export function page<T>(items: T[], nextCursor: string | null = null) {
  return { items, next_cursor: nextCursor };
}
