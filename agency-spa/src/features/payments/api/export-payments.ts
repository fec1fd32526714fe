import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { fileNameFromDisposition, saveBlob } from "@/lib/api/download";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { paymentFiltersQuery, type PaymentsListParams } from "./list-payments";

/**
 * GET /api/v1/payments.csv with the list's filters, through the API client (bearer token and
 * refresh), saved under the name the API gives it.
 */
export async function downloadPaymentsCsv(params: PaymentsListParams): Promise<void> {
  const result = await api.GET("/api/v1/payments.csv", { params: { query: paymentFiltersQuery(params) }, parseAs: "blob" });
  saveBlob(unwrap(result), fileNameFromDisposition(result.response.headers.get("Content-Disposition"), "payments.csv"));
}

export function useDownloadPaymentsCsv(params: PaymentsListParams) {
  return useMutation({ mutationFn: () => downloadPaymentsCsv(params) });
}
