import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

/**
 * DELETE /api/v1/customers/{tenant_id} (seed 001, Delete a customer): the person's data goes,
 * every session is revoked, the financial records stay anonymised. Refused (409) while they are
 * on a running lease or money is owed either way. Refreshes every tenant list.
 */
export function useDeleteCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (tenantId: string) => {
      unwrap(await api.DELETE("/api/v1/customers/{tenant_id}", { params: { path: { tenant_id: tenantId } } }));
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.tenants.all });
    },
  });
}
