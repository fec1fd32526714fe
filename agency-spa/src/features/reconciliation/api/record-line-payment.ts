import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { lineChanged, matchLineToPayment } from "./resolve-line";
import type { StatementLine } from "./list-lines";

export interface RecordLinePayment {
  line: StatementLine;
  leaseId: string;
  tenantId: string;
  /** The payment recorded by an earlier attempt whose match failed: only the match is retried. */
  paymentId?: string;
  idempotencyKey: string;
}

export class MatchAfterRecordFailed extends Error {
  readonly paymentId: string;
  override readonly cause: unknown;
  constructor(paymentId: string, cause: unknown) {
    super("The payment was recorded but could not be matched to the line.");
    this.name = "MatchAfterRecordFailed";
    this.paymentId = paymentId;
    this.cause = cause;
  }
}

/**
 * "Record": the line's money becomes an off-platform bank transfer on the chosen lease
 * (POST /api/v1/payments, confirmed by you, receipted; settled oldest invoice first when the
 * trust account says so, else kept as the tenant's credit), then the line is matched to it
 * (POST …/match-payment). The payment carries the attempt's Idempotency-Key, so a retry after a
 * lost answer records it once; if only the match failed, the retry matches the same payment.
 */
export async function recordLinePayment({ line, leaseId, tenantId, paymentId, idempotencyKey }: RecordLinePayment) {
  const recorded =
    paymentId ??
    unwrap(
      await api.POST("/api/v1/payments", {
        params: { header: { "Idempotency-Key": idempotencyKey } },
        body: {
          lease_id: leaseId,
          tenant_id: tenantId,
          amount: line.amount,
          currency: line.currency,
          method: "bank_transfer",
          received_on: line.booked_on,
          reference: (line.reference === "" ? `Bank statement line ${line.line_number}` : line.reference).slice(0, 200),
        },
      }),
    ).id;
  try {
    return await matchLineToPayment(line.id, recorded);
  } catch (error) {
    throw new MatchAfterRecordFailed(recorded, error);
  }
}

export function useRecordLinePayment() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: recordLinePayment, onSuccess: (line) => lineChanged(queryClient, line, true) });
}
