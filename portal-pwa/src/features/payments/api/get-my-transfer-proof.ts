import { queryOptions, useQuery, type QueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import { balanceQueryKey } from "./get-my-balance";
import { paymentsQueryKey } from "./get-my-payments";

/** A proof of a bank transfer, as the tenant who sent it sees it. */
export type TransferProof = components["schemas"]["PortalTransferProofOut"];
/** submitted (waiting for the agency), confirmed (accepted), rejected (not accepted), withdrawn. */
export type TransferProofStatus = components["schemas"]["ProofStatus"];

export const transferProofQueryKey = (proofId: string) => ["portal", "transfer-proofs", "detail", proofId] as const;

/**
 * The agency decides on a proof without the tenant: when one they last saw waiting comes back
 * accepted, a payment was recorded, so the invoices, the balance and the payment history are
 * read again (a screen saved on the device would otherwise still show the invoice unpaid).
 */
export function noticeDecisions(client: QueryClient, proofs: readonly TransferProof[]): void {
  const accepted = proofs.some((proof) => {
    const before = client.getQueryData<TransferProof>(transferProofQueryKey(proof.id));
    return before !== undefined && before.status !== "confirmed" && proof.status === "confirmed";
  });
  if (!accepted) return;
  for (const queryKey of [["portal", "invoices"], balanceQueryKey, paymentsQueryKey]) void client.invalidateQueries({ queryKey });
}

/**
 * Whether a proof is still waiting is the agency's to change at any time: saved or recent answers
 * are shown at once but always asked again (no staleTime), so a decision shows when a screen opens.
 */
export const TRANSFER_PROOFS_STALE_TIME = 0;

/** GET /api/v1/portal/transfer-proofs/{proof_id}; the list seeds it for every proof it returns. */
export const transferProofQueryOptions = (proofId: string) =>
  queryOptions({
    queryKey: transferProofQueryKey(proofId),
    queryFn: async ({ signal, client }) => {
      const proof = unwrap(await api.GET("/api/v1/portal/transfer-proofs/{proof_id}", { params: { path: { proof_id: proofId } }, signal }));
      noticeDecisions(client, [proof]);
      return proof;
    },
    staleTime: TRANSFER_PROOFS_STALE_TIME,
  });

export function useMyTransferProof(proofId: string) {
  return useQuery(transferProofQueryOptions(proofId));
}
