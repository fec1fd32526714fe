import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { moneyChanged } from "@/lib/api/money-changed";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import { proofDecided } from "./reject-proof";

export type ProofConfirmation = components["schemas"]["ProofConfirmation"];

export interface ConfirmProofRequest {
  body: ProofConfirmation;
  /** One per attempt; the same when the attempt is retried (see useIdempotencyKey). */
  idempotencyKey: string;
}

export async function confirmProof(proofId: string, { body, idempotencyKey }: ConfirmProofRequest) {
  return unwrap(
    await api.POST("/api/v1/transfer-proofs/{proof_id}/confirm", {
      params: { path: { proof_id: proofId }, header: { "Idempotency-Key": idempotencyKey } },
      body,
    }),
  );
}

/**
 * POST /api/v1/transfer-proofs/{proof_id}/confirm: the money arrived on the trust account. The
 * API records the bank transfer with the signed-in staff member as the one confirming it (seed
 * 000: a payment made outside the platform is recorded after confirmation), allocates it,
 * receipts it and e-mails the receipt. A payment was recorded, so every view of the ledger is
 * refreshed with the proofs.
 */
export function useConfirmProof(proofId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ConfirmProofRequest) => confirmProof(proofId, request),
    onSuccess: async (proof) => {
      await Promise.all([proofDecided(queryClient, proof), moneyChanged(queryClient)]);
    },
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.transferProofs.detail(proofId) }),
  });
}
