import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { moneyChanged } from "@/lib/api/money-changed";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { StatementLine } from "./list-lines";

const path = (lineId: string) => ({ path: { line_id: lineId } });

export async function matchLineToInvoice(lineId: string, invoiceId: string, idempotencyKey: string) {
  return unwrap(
    await api.POST("/api/v1/reconciliation/lines/{line_id}/match-invoice", {
      params: { ...path(lineId), header: { "Idempotency-Key": idempotencyKey } },
      body: { invoice_id: invoiceId },
    }),
  );
}

export async function matchLineToPayment(lineId: string, paymentId: string) {
  return unwrap(await api.POST("/api/v1/reconciliation/lines/{line_id}/match-payment", { params: path(lineId), body: { payment_id: paymentId } }));
}

export async function ignoreLine(lineId: string, reason: string) {
  return unwrap(await api.POST("/api/v1/reconciliation/lines/{line_id}/ignore", { params: path(lineId), body: { reason } }));
}

export async function reopenLine(lineId: string) {
  return unwrap(await api.POST("/api/v1/reconciliation/lines/{line_id}/reopen", { params: path(lineId) }));
}

/**
 * After a line changed: the line as it now is replaces the cached one; the queue and the
 * statements' counts refresh, and — when money was recorded — every view of the ledger
 * (collections, invoices, payments, balances, approvals).
 */
export async function lineChanged(queryClient: QueryClient, line: StatementLine, moneyMoved: boolean): Promise<void> {
  queryClient.setQueryData(queryKeys.reconciliation.line(line.id), line);
  await (moneyMoved ? moneyChanged(queryClient) : queryClient.invalidateQueries({ queryKey: queryKeys.reconciliation.all }));
}

/** POST …/match-invoice: records the bank transfer (by you), allocated to the invoice, receipted. */
export function useMatchLineToInvoice(lineId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ invoiceId, idempotencyKey }: { invoiceId: string; idempotencyKey: string }) =>
      matchLineToInvoice(lineId, invoiceId, idempotencyKey),
    onSuccess: (line) => lineChanged(queryClient, line, true),
  });
}

/** POST …/match-payment: the line is a payment already recorded (same amount). */
export function useMatchLineToPayment(lineId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (paymentId: string) => matchLineToPayment(lineId, paymentId),
    onSuccess: (line) => lineChanged(queryClient, line, false),
  });
}

/** POST …/ignore: not a tenant's payment, with the reason. */
export function useIgnoreLine(lineId: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (reason: string) => ignoreLine(lineId, reason), onSuccess: (line) => lineChanged(queryClient, line, false) });
}

/** POST …/reopen: an ignored credit goes back to the review queue. */
export function useReopenLine(lineId: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: () => reopenLine(lineId), onSuccess: (line) => lineChanged(queryClient, line, false) });
}
