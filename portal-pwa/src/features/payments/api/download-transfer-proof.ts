import { api } from "@/lib/api/client";
import { ApiError, toProblem } from "@doorstep/web-shared/lib/api/problem";

/**
 * GET /api/v1/portal/transfer-proofs/{id}/file through the API client (the bearer token goes
 * with it): the file the tenant sent, as a blob to save under the name the API gave it.
 */
export async function fetchTransferProofFile(proofId: string): Promise<Blob> {
  const { data, error, response } = await api.GET("/api/v1/portal/transfer-proofs/{proof_id}/file", {
    params: { path: { proof_id: proofId } },
    parseAs: "blob",
  });
  if (!response.ok || data === undefined) {
    throw new ApiError(response.status, toProblem(error, response.status));
  }
  return data;
}
