import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { noticeDecisions, TRANSFER_PROOFS_STALE_TIME, transferProofQueryKey } from "./get-my-transfer-proof";

export const TRANSFER_PROOFS_PAGE_SIZE = 20;

export const transferProofsQueryKey = ["portal", "transfer-proofs", "list"] as const;

/**
 * GET /api/v1/portal/transfer-proofs: the proofs of bank transfers the tenant sent, newest first,
 * with the agency's decision, a page at a time. Each proof is also written into its detail query
 * (it opens at once, offline too). Persisted like the other payment data, so it reads offline.
 */
export const myTransferProofsQueryOptions = (pageSize: number = TRANSFER_PROOFS_PAGE_SIZE) =>
  infiniteQueryOptions({
    queryKey: transferProofsQueryKey,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal, client }) => {
      const page = unwrap(
        await api.GET("/api/v1/portal/transfer-proofs", {
          params: { query: { limit: pageSize, ...(pageParam === null ? {} : { cursor: pageParam }) } },
          signal,
        }),
      );
      noticeDecisions(client, page.items);
      const updatedAt = Date.now();
      for (const proof of page.items) client.setQueryData(transferProofQueryKey(proof.id), proof, { updatedAt });
      return page;
    },
    getNextPageParam: (last) => last.next_cursor,
    staleTime: TRANSFER_PROOFS_STALE_TIME,
  });

export function useMyTransferProofs() {
  return useInfiniteQuery(myTransferProofsQueryOptions());
}
