import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { queryKeys } from "@/lib/api/query-keys";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type TenantCreate = components["schemas"]["TenantCreate"];

export async function createTenant(body: TenantCreate) {
  return unwrap(await api.POST("/api/v1/tenants", { body }));
}

/** POST /api/v1/tenants. The server checks the e-mail is free and normalises the phone to E.164. */
export function useCreateTenant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTenant,
    onSuccess: async (tenant) => {
      queryClient.setQueryData(queryKeys.tenants.detail(tenant.id), tenant);
      await queryClient.invalidateQueries({ queryKey: queryKeys.tenants.all });
    },
  });
}
