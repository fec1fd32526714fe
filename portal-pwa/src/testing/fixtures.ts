import type { Lease } from "@/features/leases/api/get-my-lease";
import type { OnboardingStep } from "@/features/onboarding/api/my-onboarding";
import type { TenantProfile } from "@/lib/auth/me";

/** GET /api/v1/portal/me as the API answers it. */
export function tenantProfile(): TenantProfile {
  return {
    id: "7d1f0b6e-0000-4000-8000-000000000007",
    first_name: "Tess",
    last_name: "Janssens",
    email: "tenant@demo.doorstep.test",
    phone: "+32470123456",
    phone_display: "0470 12 34 56",
    language: null,
    agency: {
      id: "0b6f1d4e-0000-4000-8000-0000000000a1",
      name: "Demo Lettings",
      locale: "nl-BE",
      currency: "EUR",
      timezone: "Europe/Brussels",
      country: "BE",
    },
  };
}

/** One lease as GET /api/v1/portal/leases lists it: Tess's running monthly lease by default. */
export function lease(overrides: Partial<Lease> = {}): Lease {
  const rent = overrides.rent ?? { amount: 95000, currency: "EUR" };
  return {
    id: "5a7c0e2d-0000-4000-8000-000000000101",
    unit: {
      id: "5a7c0e2d-0000-4000-8000-0000000001a1",
      name: "Flat 1A",
      property_id: "5a7c0e2d-0000-4000-8000-0000000001b1",
      property_name: "Residence Louise",
      address: "Avenue Louise 120, 1050 Brussels",
    },
    tenants: [
      { id: "7d1f0b6e-0000-4000-8000-000000000007", first_name: "Tess", last_name: "Janssens" },
    ],
    start_date: "2025-11-01",
    end_date: null,
    rent,
    frequency: "monthly",
    due_day: 1,
    holding_over: false,
    status: "active",
    next_due_date: "2026-12-01",
    created_at: "2025-10-20T09:00:00Z",
    current_rent: rent,
    next_rent_review: null,
    ...overrides,
  };
}

/** A lease Tess has moved out of. */
export function endedLease(overrides: Partial<Lease> = {}): Lease {
  return lease({
    id: "5a7c0e2d-0000-4000-8000-000000000102",
    unit: {
      id: "5a7c0e2d-0000-4000-8000-0000000001a2",
      name: "Studio 3",
      property_id: "5a7c0e2d-0000-4000-8000-0000000001b2",
      property_name: "Maison Flagey",
      address: "Place Flagey 7, 1050 Ixelles",
    },
    start_date: "2023-09-01",
    end_date: "2025-10-31",
    rent: { amount: 72000, currency: "EUR" },
    status: "ended",
    next_due_date: null,
    ...overrides,
  });
}

/** An onboarding step as GET /portal/onboarding lists it: a form step, not done, nothing saved. */
export function onboardingStep(overrides: Partial<OnboardingStep> = {}): OnboardingStep {
  return {
    position: 1,
    name: "Step 1",
    kind: "form",
    done: false,
    fields: [],
    answers: null,
    document_label: null,
    uploaded_file_name: null,
    text: null,
    text_version: null,
    description: null,
    amount: null,
    invoice_id: null,
    recurring: null,
    ...overrides,
  };
}
