import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { useLeaseChanged } from "./lease-mutation";

export async function removeLeaseTenant(leaseId: string, tenantId: string) {
  return unwrap(
    await api.DELETE("/api/v1/leases/{lease_id}/tenants/{tenant_id}", {
      params: { path: { lease_id: leaseId, tenant_id: tenantId } },
    }),
  );
}

/** DELETE /api/v1/leases/{lease_id}/tenants/{tenant_id}: a lease keeps at least one tenant (409 last-tenant). */
export function useRemoveLeaseTenant(leaseId: string) {
  const changed = useLeaseChanged();
  return useMutation({ mutationFn: (tenantId: string) => removeLeaseTenant(leaseId, tenantId), onSuccess: changed });
}
