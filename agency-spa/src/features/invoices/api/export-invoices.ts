import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { fileNameFromDisposition, saveBlob } from "@/lib/api/download";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { invoiceFiltersQuery, type InvoicesListParams } from "./list-invoices";

/**
 * GET /api/v1/invoices.csv with the list's filters, through the API client (bearer token and
 * refresh), saved under the name the API gives it.
 */
export async function downloadInvoicesCsv(params: InvoicesListParams): Promise<void> {
  const result = await api.GET("/api/v1/invoices.csv", { params: { query: invoiceFiltersQuery(params) }, parseAs: "blob" });
  saveBlob(unwrap(result), fileNameFromDisposition(result.response.headers.get("Content-Disposition"), "invoices.csv"));
}

export function useDownloadInvoicesCsv(params: InvoicesListParams) {
  return useMutation({ mutationFn: () => downloadInvoicesCsv(params) });
}
