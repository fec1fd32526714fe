import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { TransferProof } from "./list-proofs";

export interface RejectProofRequest {
  reason: string;
  idempotencyKey: string;
}

export async function rejectProof(proofId: string, { reason, idempotencyKey }: RejectProofRequest) {
  return unwrap(
    await api.POST("/api/v1/transfer-proofs/{proof_id}/reject", {
      params: { path: { proof_id: proofId }, header: { "Idempotency-Key": idempotencyKey } },
      body: { reason },
    }),
  );
}

/** A proof was decided: the answer replaces the cached proof and every list of proofs refreshes (the queue, a lease's pending ones). */
export async function proofDecided(queryClient: QueryClient, proof: TransferProof): Promise<void> {
  queryClient.setQueryData(queryKeys.transferProofs.detail(proof.id), proof);
  await queryClient.invalidateQueries({ queryKey: queryKeys.transferProofs.all, predicate: (query) => query.queryKey[1] !== "detail" });
}

/**
 * POST /api/v1/transfer-proofs/{proof_id}/reject: the money is not there (or not as described).
 * The API keeps the reason and e-mails it to the tenant with what the invoice still asks for and
 * whom to ask. No money moved, so only the proofs refresh.
 */
export function useRejectProof(proofId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RejectProofRequest) => rejectProof(proofId, request),
    onSuccess: (proof) => proofDecided(queryClient, proof),
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.transferProofs.detail(proofId) }),
  });
}
