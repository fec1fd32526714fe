import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { balanceQueryKey } from "./get-my-balance";
import { transferProofQueryKey } from "./get-my-transfer-proof";
import { transferProofsQueryKey } from "./get-my-transfer-proofs";

/**
 * POST /api/v1/portal/transfer-proofs/{id}/withdraw: takes back a proof sent by mistake, while
 * the agency has not decided on it (409 `proof-already-decided` once it has).
 */
export async function withdrawMyTransferProof(proofId: string) {
  return unwrap(
    await api.POST("/api/v1/portal/transfer-proofs/{proof_id}/withdraw", { params: { path: { proof_id: proofId } } }),
  );
}

export function useWithdrawMyTransferProof() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: withdrawMyTransferProof,
    onSuccess: (proof) => {
      queryClient.setQueryData(transferProofQueryKey(proof.id), proof);
      void queryClient.invalidateQueries({ queryKey: transferProofsQueryKey });
      // A withdrawn transfer is no longer pending in the balance (issue 11).
      void queryClient.invalidateQueries({ queryKey: balanceQueryKey });
    },
    // Already decided (or gone): what the agency decided shows once the proofs are read again.
    onError: (_, proofId) => {
      void queryClient.invalidateQueries({ queryKey: transferProofQueryKey(proofId) });
      void queryClient.invalidateQueries({ queryKey: transferProofsQueryKey });
    },
  });
}
