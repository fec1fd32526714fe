import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import { useLeaseChanged } from "./lease-mutation";

export type LeaseCreate = components["schemas"]["LeaseCreate"];

export async function createLease(body: LeaseCreate) {
  return unwrap(await api.POST("/api/v1/leases", { body }));
}

/** POST /api/v1/leases: a new lease starts as a draft; nothing is invoiced until it is activated. */
export function useCreateLease() {
  const changed = useLeaseChanged();
  return useMutation({ mutationFn: createLease, onSuccess: changed });
}
