import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { queryKeys } from "@/lib/api/query-keys";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type TenantUpdate = components["schemas"]["TenantUpdate"];

export async function updateTenant(tenantId: string, body: TenantUpdate) {
  return unwrap(await api.PATCH("/api/v1/tenants/{tenant_id}", { params: { path: { tenant_id: tenantId } }, body }));
}

/** PATCH /api/v1/tenants/{tenant_id}. Leases list their tenants' names, so they are refreshed too. */
export function useUpdateTenant(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TenantUpdate) => updateTenant(tenantId, body),
    onSuccess: async (tenant) => {
      queryClient.setQueryData(queryKeys.tenants.detail(tenant.id), tenant);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.tenants.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.leases.all }),
      ]);
    },
  });
}
