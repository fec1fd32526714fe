import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { useLeaseChanged } from "./lease-mutation";

/** ``endsOn``: an active tenancy's last day; rent invoiced after it is credited or voided. */
export async function cancelLease(leaseId: string, endsOn?: string) {
  return unwrap(
    await api.POST("/api/v1/leases/{lease_id}/cancel", {
      params: { path: { lease_id: leaseId } },
      ...(endsOn === undefined ? {} : { body: { ends_on: endsOn } }),
    }),
  );
}

/** POST /api/v1/leases/{lease_id}/cancel: drops a draft, or ends a live tenancy on a given day. */
export function useCancelLease(leaseId: string) {
  const changed = useLeaseChanged();
  return useMutation({ mutationFn: (endsOn?: string) => cancelLease(leaseId, endsOn), onSuccess: changed });
}
