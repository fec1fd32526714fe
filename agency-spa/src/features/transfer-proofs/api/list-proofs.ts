import { api } from "@/lib/api/client";
import { cursorListOptions, PAGE_SIZE, useCursorList } from "@/lib/api/pagination";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type TransferProof = components["schemas"]["TransferProofOut"];
export type ProofStatus = components["schemas"]["ProofStatus"];

/** In the order a proof moves: sent by the tenant, then confirmed or rejected by staff, or taken back by the tenant. */
export const PROOF_STATUSES = ["submitted", "confirmed", "rejected", "withdrawn"] as const satisfies readonly ProofStatus[];

export interface ProofsParams {
  /** "" for every status. */
  status: ProofStatus | "";
  leaseId: string;
  tenantId: string;
}

/**
 * GET /api/v1/transfer-proofs?status=&lease_id=&tenant_id=: tenants' proofs of a bank transfer,
 * oldest first — `status=submitted` is the queue staff work through from the top.
 */
export const proofsQueryOptions = (params: ProofsParams) =>
  cursorListOptions(queryKeys.transferProofs.list(params), async (cursor, signal) =>
    unwrap(
      await api.GET("/api/v1/transfer-proofs", {
        params: {
          query: {
            status: params.status === "" ? undefined : params.status,
            lease_id: params.leaseId === "" ? undefined : params.leaseId,
            tenant_id: params.tenantId === "" ? undefined : params.tenantId,
            cursor,
            limit: PAGE_SIZE,
          },
        },
        signal,
      }),
    ),
  );

export function useProofs(params: ProofsParams) {
  return useCursorList(proofsQueryOptions(params));
}
