import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

/** The file name the API suggests (Content-Disposition), else receipt-<number>.pdf. */
export function receiptFileName(contentDisposition: string | null, receiptNumber: number | null): string {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/iu.exec(contentDisposition ?? "");
  if (match?.[1] !== undefined) return decodeURIComponent(match[1]);
  return receiptNumber === null ? "receipt.pdf" : `receipt-${receiptNumber}.pdf`;
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
  const blob = unwrap(result);
  const url = URL.createObjectURL(blob);
  try {
    const anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = receiptFileName(result.response.headers.get("Content-Disposition"), receiptNumber);
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
  } finally {
    // Give the browser a moment to start the download before the URL goes.
    setTimeout(() => {
      URL.revokeObjectURL(url);
    }, 10_000);
  }
}

export function useDownloadReceipt(paymentId: string, receiptNumber: number | null) {
  return useMutation({ mutationFn: () => downloadReceipt(paymentId, receiptNumber) });
}
