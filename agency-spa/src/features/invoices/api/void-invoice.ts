import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { moneyChanged } from "@/lib/api/money-changed";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

export async function voidInvoice(invoiceId: string, reason: string) {
  return unwrap(
    await api.POST("/api/v1/invoices/{invoice_id}/void", { params: { path: { invoice_id: invoiceId } }, body: { reason } }),
  );
}

/** POST /api/v1/invoices/{invoice_id}/void: the invoice asks for nothing any more (refused once money is allocated to it). */
export function useVoidInvoice(invoiceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => voidInvoice(invoiceId, reason),
    onSuccess: async (invoice) => {
      queryClient.setQueryData(queryKeys.invoices.detail(invoice.id), invoice);
      await moneyChanged(queryClient);
    },
  });
}
