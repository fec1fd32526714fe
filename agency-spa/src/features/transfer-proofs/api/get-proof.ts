import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

/** GET /api/v1/transfer-proofs/{proof_id}: what the tenant said, the file's name and type, and the decision once there is one. */
export const proofQueryOptions = (proofId: string) =>
  queryOptions({
    queryKey: queryKeys.transferProofs.detail(proofId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/transfer-proofs/{proof_id}", { params: { path: { proof_id: proofId } }, signal })),
  });

export function useProof(proofId: string) {
  return useQuery(proofQueryOptions(proofId));
}
