import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from "@tanstack/react-query";
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

/** Proofs sent for one invoice: few, so one page of the most a tenant could have sent. */
export const INVOICE_TRANSFER_PROOFS_LIMIT = 100;

// Under the list's key, so whatever refreshes the list (a proof sent or withdrawn) refreshes these.
export const invoiceTransferProofsQueryKey = (invoiceId: string) => [...transferProofsQueryKey, { invoiceId }] as const;

/**
 * GET /api/v1/portal/transfer-proofs?invoice_id=…: every proof the tenant sent for one invoice,
 * newest first, however many they sent for other invoices since (what the invoice says about
 * transfers already reported must not depend on the list's first page).
 */
export const invoiceTransferProofsQueryOptions = (invoiceId: string) =>
  queryOptions({
    queryKey: invoiceTransferProofsQueryKey(invoiceId),
    queryFn: async ({ signal, client }) => {
      const page = unwrap(
        await api.GET("/api/v1/portal/transfer-proofs", {
          params: { query: { invoice_id: invoiceId, limit: INVOICE_TRANSFER_PROOFS_LIMIT } },
          signal,
        }),
      );
      noticeDecisions(client, page.items);
      return page.items;
    },
    staleTime: TRANSFER_PROOFS_STALE_TIME,
  });

export function useInvoiceTransferProofs(invoiceId: string) {
  return useQuery(invoiceTransferProofsQueryOptions(invoiceId));
}
