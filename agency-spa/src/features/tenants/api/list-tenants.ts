import { api } from "@/lib/api/client";
import { cursorListOptions, PAGE_SIZE, useCursorList } from "@/lib/api/pagination";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { queryKeys } from "@/lib/api/query-keys";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type Tenant = components["schemas"]["TenantOut"];

export interface TenantsListParams {
  /** Matches name, e-mail or phone number. */
  q?: string;
  hasPortalAccount?: boolean;
}

/** GET /api/v1/tenants: tenants by last name, a page at a time. */
export const tenantsListQueryOptions = (params: TenantsListParams) =>
  cursorListOptions(queryKeys.tenants.list(params), async (cursor, signal) =>
    unwrap(
      await api.GET("/api/v1/tenants", {
        params: {
          query: {
            q: params.q === "" ? undefined : params.q,
            has_portal_account: params.hasPortalAccount,
            cursor,
            limit: PAGE_SIZE,
          },
        },
        signal,
      }),
    ),
  );

export function useTenantsList(params: TenantsListParams) {
  return useCursorList(tenantsListQueryOptions(params));
}
