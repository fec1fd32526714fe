import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import { useLeaseChanged } from "./lease-mutation";

export type LeaseUpdate = components["schemas"]["LeaseUpdate"];

export async function updateLease(leaseId: string, body: LeaseUpdate) {
  return unwrap(await api.PATCH("/api/v1/leases/{lease_id}", { params: { path: { lease_id: leaseId } }, body }));
}

/**
 * PATCH /api/v1/leases/{lease_id}. A draft may change every term; an active lease only its end
 * date and holding over (the API answers 409 lease-not-editable for anything else). A moved end
 * brings the rent invoices already issued to it (credited, prorated or made whole), so the
 * invoices are read again too.
 */
export function useUpdateLease(leaseId: string) {
  const changed = useLeaseChanged();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LeaseUpdate) => updateLease(leaseId, body),
    onSuccess: async (lease) => {
      await Promise.all([changed(lease), queryClient.invalidateQueries({ queryKey: queryKeys.invoices.all })]);
    },
  });
}
