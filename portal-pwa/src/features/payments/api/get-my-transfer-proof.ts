import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

/** A proof of a bank transfer, as the tenant who sent it sees it. */
export type TransferProof = components["schemas"]["PortalTransferProofOut"];
/** submitted (waiting for the agency), confirmed (accepted), rejected (not accepted), withdrawn. */
export type TransferProofStatus = components["schemas"]["ProofStatus"];

export const transferProofQueryKey = (proofId: string) => ["portal", "transfer-proofs", "detail", proofId] as const;

/** GET /api/v1/portal/transfer-proofs/{proof_id}; the list seeds it for every proof it returns. */
export const transferProofQueryOptions = (proofId: string) =>
  queryOptions({
    queryKey: transferProofQueryKey(proofId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/portal/transfer-proofs/{proof_id}", { params: { path: { proof_id: proofId } }, signal })),
  });

export function useMyTransferProof(proofId: string) {
  return useQuery(transferProofQueryOptions(proofId));
}
