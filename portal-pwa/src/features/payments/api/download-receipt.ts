import { api } from "@/lib/api/client";
import { ApiError, toProblem } from "@doorstep/web-shared/lib/api/problem";

/**
 * GET /api/v1/portal/payments/{id}/receipt.pdf through the API client, so the session's bearer
 * token goes with it (a plain link would not carry it). Resolves to the PDF.
 */
export async function fetchReceipt(paymentId: string): Promise<Blob> {
  const { data, error, response } = await api.GET("/api/v1/portal/payments/{payment_id}/receipt.pdf", {
    params: { path: { payment_id: paymentId } },
    parseAs: "blob",
  });
  if (!response.ok || data === undefined) {
    throw new ApiError(response.status, toProblem(error, response.status));
  }
  return data;
}

/** "receipt-42.pdf": the receipt number when there is one, else the payment's date. */
export function receiptFileName(receiptNumber: number | null, fallbackDate: string): string {
  return receiptNumber === null ? `receipt-${fallbackDate}.pdf` : `receipt-${receiptNumber}.pdf`;
}

export { saveBlob } from "@/lib/save-blob";
