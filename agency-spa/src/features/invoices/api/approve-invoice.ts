import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { moneyChanged } from "@/lib/api/money-changed";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

export async function approveInvoice(invoiceId: string) {
  return unwrap(await api.POST("/api/v1/invoices/{invoice_id}/approve", { params: { path: { invoice_id: invoiceId } } }));
}

/** POST /api/v1/invoices/{invoice_id}/approve: a draft opens, is numbered, and the tenant is asked to pay it. */
export function useApproveInvoice(invoiceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => approveInvoice(invoiceId),
    onSuccess: async (invoice) => {
      queryClient.setQueryData(queryKeys.invoices.detail(invoice.id), invoice);
      await moneyChanged(queryClient);
    },
  });
}
