import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { useLeaseChanged } from "./lease-mutation";

export async function cancelLease(leaseId: string) {
  return unwrap(await api.POST("/api/v1/leases/{lease_id}/cancel", { params: { path: { lease_id: leaseId } } }));
}

/** POST /api/v1/leases/{lease_id}/cancel: drops a draft, or ends a live tenancy now. */
export function useCancelLease(leaseId: string) {
  const changed = useLeaseChanged();
  return useMutation({ mutationFn: () => cancelLease(leaseId), onSuccess: changed });
}
