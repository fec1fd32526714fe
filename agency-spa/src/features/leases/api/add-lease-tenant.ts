import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { useLeaseChanged } from "./lease-mutation";

export async function addLeaseTenant(leaseId: string, tenantId: string) {
  return unwrap(
    await api.POST("/api/v1/leases/{lease_id}/tenants", {
      params: { path: { lease_id: leaseId } },
      body: { tenant_id: tenantId },
    }),
  );
}

/** POST /api/v1/leases/{lease_id}/tenants: another tenant joins the lease (joint tenancy). */
export function useAddLeaseTenant(leaseId: string) {
  const changed = useLeaseChanged();
  return useMutation({ mutationFn: (tenantId: string) => addLeaseTenant(leaseId, tenantId), onSuccess: changed });
}
