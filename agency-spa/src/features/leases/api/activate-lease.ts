import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { useLeaseChanged } from "./lease-mutation";

export async function activateLease(leaseId: string) {
  return unwrap(await api.POST("/api/v1/leases/{lease_id}/activate", { params: { path: { lease_id: leaseId } } }));
}

/** POST /api/v1/leases/{lease_id}/activate: a draft becomes the live tenancy (409 if the unit is let). */
export function useActivateLease(leaseId: string) {
  const changed = useLeaseChanged();
  return useMutation({ mutationFn: () => activateLease(leaseId), onSuccess: changed });
}
