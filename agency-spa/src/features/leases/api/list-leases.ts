import { api } from "@/lib/api/client";
import { cursorListOptions, PAGE_SIZE, useCursorList } from "@/lib/api/pagination";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { queryKeys } from "@/lib/api/query-keys";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type Lease = components["schemas"]["LeaseOut"];
export type LeaseStatus = components["schemas"]["LeaseStatus"];

export interface LeasesListParams {
  status?: LeaseStatus;
  propertyId?: string;
  unitId?: string;
  tenantId?: string;
  /** Matches a tenant's name or e-mail, the unit or the property. */
  q?: string;
}

const orUndefined = (value: string | undefined) => (value === "" ? undefined : value);

/** GET /api/v1/leases: leases, newest first, a page at a time. */
export const leasesListQueryOptions = (params: LeasesListParams) =>
  cursorListOptions(queryKeys.leases.list(params), async (cursor, signal) =>
    unwrap(
      await api.GET("/api/v1/leases", {
        params: {
          query: {
            status: params.status,
            property_id: orUndefined(params.propertyId),
            unit_id: orUndefined(params.unitId),
            tenant_id: orUndefined(params.tenantId),
            q: orUndefined(params.q),
            cursor,
            limit: PAGE_SIZE,
          },
        },
        signal,
      }),
    ),
  );

export function useLeasesList(params: LeasesListParams) {
  return useCursorList(leasesListQueryOptions(params));
}
