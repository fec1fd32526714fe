import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type Checklist = components["schemas"]["ChecklistOut"];
export type ChecklistItem = components["schemas"]["ChecklistItemOut"];
export type ReadinessPurpose = components["schemas"]["ReadinessPurpose"];
export type ReadinessOverride = components["schemas"]["OverrideOut"];

/**
 * GET /api/v1/tenants/{tenant_id}/readiness: seed 000's checklist before an invite
 * (`invite`) or a payment link (`payment_link`) goes to the tenant, for the lease chosen ("" =
 * the tenant's only active lease). Used by the invite dialog and the payment-link panel.
 */
export const checklistQueryOptions = (tenantId: string, purpose: ReadinessPurpose, leaseId: string) =>
  queryOptions({
    queryKey: queryKeys.readiness.checklist(tenantId, purpose, leaseId),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET("/api/v1/tenants/{tenant_id}/readiness", {
          params: { path: { tenant_id: tenantId }, query: { purpose, lease_id: leaseId === "" ? null : leaseId } },
          signal,
        }),
      ),
    enabled: tenantId !== "",
  });

export function useChecklist(tenantId: string, purpose: ReadinessPurpose, leaseId: string) {
  return useQuery(checklistQueryOptions(tenantId, purpose, leaseId));
}

/** GET /api/v1/readiness-overrides: what was sent despite blocking items, newest first. */
export function useReadinessOverrides(filters: { tenantId?: string; leaseId?: string }) {
  const query = { tenant_id: filters.tenantId ?? null, lease_id: filters.leaseId ?? null };
  return useQuery({
    queryKey: queryKeys.readiness.overrides(query),
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/readiness-overrides", { params: { query }, signal })),
  });
}

/** What staff decided about sending despite the review: ticked "Send anyway", and why. */
export interface OverrideChoice {
  enabled: boolean;
  reason: string;
}

export const NO_OVERRIDE: OverrideChoice = { enabled: false, reason: "" };

/**
 * Whether Send may be pressed: nothing blocking, or "Send anyway" ticked with a reason. While the
 * review loads or failed, sending is left to the server, which reviews again anyway.
 */
export function sendAllowed(blocking: boolean, override: OverrideChoice): boolean {
  return !blocking || (override.enabled && override.reason.trim() !== "");
}

/** The request's `readiness_override`, or nothing when staff did not choose to send anyway. */
export function overrideBody(override: OverrideChoice): { reason: string } | null {
  return override.enabled && override.reason.trim() !== "" ? { reason: override.reason.trim() } : null;
}
