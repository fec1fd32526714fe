import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { fetchAllPages, MAX_PAGE_SIZE } from "@/lib/api/pagination";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type PayerLease = components["schemas"]["LeaseOut"];

/** Leases that take payments: live or past ones (payments/ledger/service.py: payer_lease refuses drafts and cancelled ones). */
export function takesPayments(lease: Pick<PayerLease, "status">): boolean {
  return lease.status === "active" || lease.status === "ended";
}

/** GET /api/v1/leases?tenant_id=, every page: the leases a tenant is party to. */
export const tenantLeasesQueryOptions = (tenantId: string) =>
  queryOptions({
    queryKey: queryKeys.leases.list({ tenantId, all: true }),
    queryFn: ({ signal }) =>
      fetchAllPages(
        async (cursor, pageSignal) =>
          unwrap(
            await api.GET("/api/v1/leases", { params: { query: { tenant_id: tenantId, cursor, limit: MAX_PAGE_SIZE } }, signal: pageSignal }),
          ),
        signal,
      ),
    enabled: tenantId !== "",
  });

export function useTenantLeases(tenantId: string) {
  return useQuery(tenantLeasesQueryOptions(tenantId));
}
