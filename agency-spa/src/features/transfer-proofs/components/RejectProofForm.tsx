import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { isNetworkError, problemSlug } from "@doorstep/web-shared/lib/api/problem";
import { TextAreaField } from "@/components/ui/TextAreaField";
import { useFormErrors } from "@/lib/hooks/use-form-errors";
import { useIdempotencyKey } from "@/lib/hooks/use-idempotency-key";
import type { TransferProof } from "../api/list-proofs";
import { useRejectProof } from "../api/reject-proof";

const REJECT_FIELDS = ["reason"] as const;

/**
 * "The money is not there, or not as described": a reason is required, because the tenant is
 * e-mailed it, with what the invoice still asks for and whom to ask (seed 000: a clear message —
 * what is needed, the amount, how to get help). Nothing is recorded as paid.
 */
export function RejectProofForm({ proof, onRejected }: { proof: TransferProof; onRejected: (proof: TransferProof) => void }) {
  const { t } = useTranslation();
  const reject = useRejectProof(proof.id);
  const attempt = useIdempotencyKey();
  const [reason, setReason] = useState("");
  const { formRef, fieldErrors, summary, setClientErrors } = useFormErrors(reject.error, { fields: REJECT_FIELDS });

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reject.isPending) return;
    const trimmed = reason.trim();
    if (trimmed === "") {
      setClientErrors({ reason: t("form.required") });
      return;
    }
    setClientErrors({});
    const body = { reason: trimmed };
    // mutateAsync: the rejected proof unmounts this form before a mutate() callback would run.
    void reject.mutateAsync({ ...body, idempotencyKey: attempt.keyFor(body) }).then(
      (rejected) => {
        attempt.reset();
        onRejected(rejected);
      },
      () => undefined,
    );
  }

  const shownSummary = isNetworkError(reject.error)
    ? t("errors.network")
    : problemSlug(reject.error) === "proof-already-decided"
      ? t("transferProofs.alreadyDecided")
      : summary;

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="stack form" aria-label={t("transferProofs.reject.submit")}>
      {shownSummary !== undefined && <Alert>{shownSummary}</Alert>}
      <TextAreaField
        label={t("transferProofs.reject.reason")}
        hint={t("transferProofs.reject.reasonHint")}
        name="reason"
        required
        maxLength={200}
        value={reason}
        error={fieldErrors.reason}
        onChange={(event) => {
          setReason(event.target.value);
        }}
      />
      <div className="form-actions">
        <Button type="submit" variant="danger" busy={reject.isPending} busyLabel={t("transferProofs.reject.rejecting")}>
          {t("transferProofs.reject.submit")}
        </Button>
      </div>
    </form>
  );
}
