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
