import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { queryKeys } from "@/lib/api/query-keys";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type PortalAccess = components["schemas"]["PortalAccessOut"];

const portalAccessKey = (tenantId: string) => [...queryKeys.tenants.detail(tenantId), "portal-access"] as const;

/** GET /api/v1/tenants/{tenant_id}/portal-access: on, off (since when) or no account, and who changed it, when. */
export const portalAccessQueryOptions = (tenantId: string) =>
  queryOptions({
    queryKey: portalAccessKey(tenantId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/tenants/{tenant_id}/portal-access", { params: { path: { tenant_id: tenantId } }, signal })),
  });

export function usePortalAccess(tenantId: string) {
  return useQuery(portalAccessQueryOptions(tenantId));
}

/** PUT /api/v1/tenants/{tenant_id}/portal-access: turning it off signs the tenant out everywhere at once. */
export function useSetPortalAccess(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (enabled: boolean) =>
      unwrap(
        await api.PUT("/api/v1/tenants/{tenant_id}/portal-access", {
          params: { path: { tenant_id: tenantId } },
          body: { enabled },
        }),
      ),
    onSuccess: (access) => {
      queryClient.setQueryData(portalAccessKey(tenantId), access);
    },
  });
}
