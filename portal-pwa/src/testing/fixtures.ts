import type { TenantProfile } from "@/lib/auth/me";

/** GET /api/v1/portal/me as the API answers it. */
export function tenantProfile(): TenantProfile {
  return {
    id: "7d1f0b6e-0000-4000-8000-000000000007",
    first_name: "Tess",
    last_name: "Janssens",
    email: "tenant@demo.doorstep.test",
    phone: "+32470123456",
    agency: { id: "0b6f1d4e-0000-4000-8000-0000000000a1", name: "Demo Lettings", locale: "nl-BE", currency: "EUR" },
  };
}
