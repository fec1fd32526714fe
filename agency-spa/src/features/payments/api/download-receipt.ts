import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { fileNameFromDisposition, saveBlob } from "@/lib/api/download";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

/** The file name the API suggests (Content-Disposition), else receipt-<number>.pdf. */
export function receiptFileName(contentDisposition: string | null, receiptNumber: number | null): string {
  return fileNameFromDisposition(contentDisposition, receiptNumber === null ? "receipt.pdf" : `receipt-${receiptNumber}.pdf`);
}

/**
 * GET /api/v1/payments/{payment_id}/receipt.pdf through the API client (so with the bearer token
 * and its refresh), read as a blob and handed to the browser as a download.
 */
export async function downloadReceipt(paymentId: string, receiptNumber: number | null): Promise<void> {
  const result = await api.GET("/api/v1/payments/{payment_id}/receipt.pdf", {
    params: { path: { payment_id: paymentId } },
    parseAs: "blob",
  });
  saveBlob(unwrap(result), receiptFileName(result.response.headers.get("Content-Disposition"), receiptNumber));
}

export function useDownloadReceipt(paymentId: string, receiptNumber: number | null) {
  return useMutation({ mutationFn: () => downloadReceipt(paymentId, receiptNumber) });
}
