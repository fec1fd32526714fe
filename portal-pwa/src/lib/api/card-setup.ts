import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

/** Shared by every way the portal saves a card (paying an invoice, recurring payment). */
export type CardSetup = components["schemas"]["CardSetupOut"];

/**
 * POST /api/v1/portal/payment-methods/setup: a SetupIntent to confirm with Stripe.js, with the
 * publishable key and the URL to load Stripe.js from.
 */
export async function startCardSetup(): Promise<CardSetup> {
  return unwrap(await api.POST("/api/v1/portal/payment-methods/setup"));
}
