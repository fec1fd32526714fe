import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem, isNetworkError } from "@doorstep/web-shared/lib/api/problem";
import { Loading } from "@/components/ui/QueryStatus";
import { useIdempotencyKey } from "@/lib/hooks/use-idempotency-key";
import { useAllocatePayment } from "../api/allocate-payment";
import type { Payment } from "../api/list-payments";
import { AllocationFields } from "@/components/money/AllocationFields";
import { useAllocationSplit } from "@/lib/money/use-allocation-split";

export interface AllocateCreditFormProps {
  payment: Payment;
  onDone: (allocated: boolean) => void;
}

/**
 * Settle open invoices of the payment's lease from what is left of it (its unallocated credit),
 * prefilled oldest first. What stays unallocated remains the tenant's credit on that lease.
 */
export function AllocateCreditForm({ payment, onDone }: AllocateCreditFormProps) {
  const { t } = useTranslation();
  const allocate = useAllocatePayment(payment.id);
  const attempt = useIdempotencyKey();
  const [formError, setFormError] = useState<string | undefined>(undefined);
  const available = payment.unallocated;
  const split = useAllocationSplit({ leaseId: payment.lease_id, available, currency: payment.currency });
  const serverError =
    allocate.error === null
      ? undefined
      : isNetworkError(allocate.error)
        ? t("payments.errors.allocationOutcomeUnknown")
        : describeProblem(allocate.error, t).message;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (allocate.isPending) return;
    const read = split.check(available);
    if (read.problem !== undefined) {
      setFormError(t(read.problem === "payments.errors.overAllocated" ? "payments.errors.overAllocatedCredit" : read.problem));
      return;
    }
    if (read.allocations.length === 0) {
      setFormError(t("payments.errors.nothingAllocated"));
      return;
    }
    setFormError(undefined);
    allocate.mutate(
      { allocations: read.allocations, idempotencyKey: attempt.keyFor(read.allocations) },
      {
        onSuccess: () => {
          attempt.reset();
          onDone(true);
        },
      },
    );
  }

  const invoices = split.invoices.items;
  if (split.invoices.isPending) return <Loading />;
  return (
    <form onSubmit={submit} noValidate className="stack form">
      {(formError ?? serverError) !== undefined && <Alert>{formError ?? serverError}</Alert>}
      {invoices.length === 0 ? (
        <p className="empty">{t("payments.allocation.noOpenInvoicesLater")}</p>
      ) : (
        <AllocationFields
          invoices={invoices}
          inputs={split.inputs}
          errors={split.rowErrors}
          currency={payment.currency}
          available={available}
          allocated={split.allocated}
          onChange={(invoiceId, value) => {
            split.change(invoiceId, value);
            // The refusal was about the split just changed.
            setFormError(undefined);
            if (allocate.isError) allocate.reset();
          }}
        />
      )}
      <div className="form-actions">
        {invoices.length > 0 && (
          <Button type="submit" busy={allocate.isPending} busyLabel={t("form.saving")}>
            {t("payments.allocation.submit")}
          </Button>
        )}
        <Button
          variant="secondary"
          disabled={allocate.isPending}
          onClick={() => {
            onDone(false);
          }}
        >
          {t("payments.allocation.cancel")}
        </Button>
      </div>
    </form>
  );
}
