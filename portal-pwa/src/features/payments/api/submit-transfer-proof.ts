import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import { balanceQueryKey } from "./get-my-balance";
import { transferProofQueryKey } from "./get-my-transfer-proof";
import { transferProofsQueryKey } from "./get-my-transfer-proofs";

/** The form fields of POST /api/v1/portal/transfer-proofs, less the file. */
export type TransferProofFields = Omit<components["schemas"]["Body_portal_submit_transfer_proof"], "file">;

export interface TransferProofSubmission {
  fields: TransferProofFields;
  file: File;
  /** One per attempt: the same key when the same attempt is sent again (see transfer-proof-form.ts). */
  idempotencyKey: string;
}

/** The multipart body the API takes: each field as text (amount in minor units, digits only), then the file. */
export function transferProofFormData(fields: TransferProofFields, file: File): FormData {
  const form = new FormData();
  form.append("lease_id", fields.lease_id);
  form.append("amount", String(fields.amount));
  form.append("paid_on", fields.paid_on);
  form.append("reference", fields.reference);
  if (fields.invoice_id !== undefined && fields.invoice_id !== null) form.append("invoice_id", fields.invoice_id);
  if (fields.note !== undefined && fields.note !== null && fields.note !== "") form.append("note", fields.note);
  form.append("file", file, file.name);
  return form;
}

/**
 * POST /api/v1/portal/transfer-proofs (multipart/form-data): tells the agency the tenant paid by
 * bank transfer, with the bank's confirmation or a screenshot. openapi-fetch sends the FormData
 * its `bodySerializer` returns as it is, without a JSON Content-Type (the browser sets the
 * multipart one, with its boundary). The generated body type says `string` for the binary part:
 * the typed body carries the file's name there, and the serializer puts the File itself.
 */
export async function submitTransferProof({ fields, file, idempotencyKey }: TransferProofSubmission) {
  return unwrap(
    await api.POST("/api/v1/portal/transfer-proofs", {
      params: { header: { "Idempotency-Key": idempotencyKey } },
      body: { ...fields, file: file.name },
      bodySerializer: (body) => transferProofFormData(body, file),
    }),
  );
}

export function useSubmitTransferProof() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: submitTransferProof,
    onSuccess: (proof) => {
      queryClient.setQueryData(transferProofQueryKey(proof.id), proof);
      void queryClient.invalidateQueries({ queryKey: transferProofsQueryKey });
      // The balance counts reported transfers as pending (issue 11).
      void queryClient.invalidateQueries({ queryKey: balanceQueryKey });
    },
  });
}
