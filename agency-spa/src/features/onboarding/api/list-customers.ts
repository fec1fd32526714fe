import { api } from "@/lib/api/client";
import { cursorListOptions, PAGE_SIZE, useCursorList } from "@/lib/api/pagination";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type Customer = components["schemas"]["TenantOut"];

/** GET /api/v1/tenants?has_portal_account=true: seed 001's Customers tab, the registered tenants. */
export const customersQueryOptions = (q: string) =>
  cursorListOptions(queryKeys.tenants.list({ q, customers: true }), async (cursor, signal) =>
    unwrap(
      await api.GET("/api/v1/tenants", {
        params: { query: { q: q === "" ? undefined : q, has_portal_account: true, cursor, limit: PAGE_SIZE } },
        signal,
      }),
    ),
  );

export function useCustomers(q: string) {
  return useCursorList(customersQueryOptions(q));
}
