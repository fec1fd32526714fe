import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { moneyChanged } from "@/lib/api/money-changed";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type Statement = components["schemas"]["StatementOut"];

export async function importStatement(file: File, idempotencyKey: string) {
  return unwrap(
    await api.POST("/api/v1/reconciliation/statements", {
      params: { header: { "Idempotency-Key": idempotencyKey } },
      // The generated type says `string` for a binary part; the browser sends the File itself.
      body: { file: file as unknown as string },
      bodySerializer: (body) => {
        const form = new FormData();
        form.append("file", body.file as unknown as File, file.name);
        return form;
      },
    }),
  );
}

/**
 * POST /api/v1/reconciliation/statements (multipart): imports a bank statement CSV; certain
 * matches are recorded at once (a matched open invoice records the bank transfer), the rest wait
 * for review. 422 lists the file's problems per line; 409 means this file was imported before.
 * Payments may have been recorded, so every view of the ledger is refreshed (reconciliation too).
 */
export function useImportStatement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, idempotencyKey }: { file: File; idempotencyKey: string }) => importStatement(file, idempotencyKey),
    onSuccess: async (statement) => {
      queryClient.setQueryData(queryKeys.reconciliation.statement(statement.id), statement);
      await moneyChanged(queryClient);
    },
  });
}
