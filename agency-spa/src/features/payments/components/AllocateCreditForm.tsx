import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem, isNetworkError } from "@doorstep/web-shared/lib/api/problem";
import { minorUnitExponent } from "@doorstep/web-shared/lib/format/money";
import { Loading } from "@/components/ui/QueryStatus";
import { moneyInputExample } from "@/lib/format/parse-money";
import { useIdempotencyKey } from "@/lib/hooks/use-idempotency-key";
import { useLocale } from "@/lib/i18n/use-locale";
import { useAllocatePayment } from "../api/allocate-payment";
import type { Payment } from "../api/list-payments";
import { useOpenInvoices } from "../api/open-invoices";
import { AllocationFields } from "./AllocationFields";
import { allocationInputs, prefillAllocations, readAllocations } from "./allocation";

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
  const locale = useLocale();
  const openInvoices = useOpenInvoices(payment.lease_id);
  const allocate = useAllocatePayment(payment.id);
  const attempt = useIdempotencyKey();
  const [edited, setEdited] = useState<Record<string, string> | null>(null);
  const [rowErrors, setRowErrors] = useState<Partial<Record<string, string>>>({});
  const [formError, setFormError] = useState<string | undefined>(undefined);
  const invoices = openInvoices.data?.items ?? [];
  const available = payment.unallocated;
  const inputs = edited ?? allocationInputs(prefillAllocations(available, invoices), invoices, payment.currency, locale);
  const running = readAllocations(inputs, invoices, available, payment.currency, locale);
  const params = { currency: payment.currency, example: moneyInputExample(payment.currency, locale), count: minorUnitExponent(payment.currency) };
  const serverError =
    allocate.error === null
      ? undefined
      : isNetworkError(allocate.error)
        ? t("payments.errors.allocationOutcomeUnknown")
        : describeProblem(allocate.error, t).message;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (allocate.isPending) return;
    const read = readAllocations(inputs, invoices, available, payment.currency, locale);
    const errors = Object.fromEntries(Object.entries(read.errors).map(([id, key]) => [id, key === undefined ? "" : t(key, params)]));
    setRowErrors(errors);
    if (Object.keys(errors).length > 0) {
      setFormError(t("payments.errors.allocationRows"));
      return;
    }
    if (read.overAllocated) {
      setFormError(t("payments.errors.overAllocatedCredit"));
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

  if (openInvoices.isPending) return <Loading />;
  return (
    <form onSubmit={submit} noValidate className="stack form">
      {(formError ?? serverError) !== undefined && <Alert>{formError ?? serverError}</Alert>}
      {invoices.length === 0 ? (
        <p className="empty">{t("payments.allocation.noOpenInvoicesLater")}</p>
      ) : (
        <AllocationFields
          invoices={invoices}
          inputs={inputs}
          errors={rowErrors}
          currency={payment.currency}
          available={available}
          allocated={running.allocated}
          onChange={(invoiceId, value) => {
            setEdited({ ...inputs, [invoiceId]: value });
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
