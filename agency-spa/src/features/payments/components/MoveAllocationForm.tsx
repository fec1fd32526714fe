import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { isNetworkError } from "@doorstep/web-shared/lib/api/problem";
import { formatMoney, minorUnitExponent } from "@doorstep/web-shared/lib/format/money";
import { moneyInputExample } from "@doorstep/web-shared/lib/format/parse-money";
import { MoneyField } from "@/components/money/MoneyField";
import { Loading } from "@/components/ui/QueryStatus";
import { SelectField } from "@/components/ui/SelectField";
import { ReasonAndSubmit } from "@/components/ui/ReasonAndSubmit";
import { useOpenInvoices } from "@/lib/api/lookups/open-invoices";
import { useFormErrors } from "@/lib/hooks/use-form-errors";
import { useIdempotencyKey } from "@/lib/hooks/use-idempotency-key";
import { useLocale } from "@/lib/i18n/use-locale";
import type { Payment } from "../api/list-payments";
import { useMoveAllocation } from "../api/move-allocation";
import { movableAllocations, moveTargets, readMove, TO_CREDIT, type MoveField, type MoveValues } from "./move-allocation-form";

const FIELDS: readonly MoveField[] = ["source", "target", "amount", "reason"];

export interface MoveAllocationFormProps {
  payment: Payment;
  onDone: (moved: boolean) => void;
}

/**
 * Move money this payment settled on one invoice to another open invoice of the lease, or back
 * to the tenant's credit, with the reason kept in the history. The receipt keeps its number.
 */
export function MoveAllocationForm({ payment, onDone }: MoveAllocationFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const move = useMoveAllocation(payment.id);
  const attempt = useIdempotencyKey();
  const open = useOpenInvoices(payment.lease_id);
  const sources = movableAllocations(payment);
  const [values, setValues] = useState<MoveValues>({ source: sources[0]?.invoiceId ?? "", target: "", amount: "", reason: "" });
  const invoices = open.data?.items ?? [];
  const targets = moveTargets(invoices, values.source);
  const money = (amount: number) => formatMoney(amount, payment.currency, locale);
  const invoiceLabel = (number: number | null | undefined) =>
    number === null || number === undefined ? t("invoices.draftTitle") : t("invoices.numbered", { number });
  const source = sources.find((entry) => entry.invoiceId === values.source);
  const target = targets.find((invoice) => invoice.id === values.target);
  const params = {
    currency: payment.currency,
    example: moneyInputExample(payment.currency, locale),
    count: minorUnitExponent(payment.currency),
    source: source === undefined ? "" : invoiceLabel(source.invoiceNumber),
    sourceAmount: source === undefined ? "" : money(source.amount),
    target: target === undefined ? "" : invoiceLabel(target.number),
    targetAmount: target === undefined ? "" : money(target.outstanding),
  };
  const { formRef, fieldErrors, summary, setClientErrors } = useFormErrors<MoveField>(move.error, {
    fields: FIELDS,
    byType: { "allocation-refused": { field: "amount", message: t("payments.move.errors.refused") } },
  });

  function change(field: keyof MoveValues, value: string) {
    setValues((previous) => ({ ...previous, [field]: value }));
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (move.isPending) return;
    const result = readMove(values, sources, invoices, payment.currency, locale);
    setClientErrors(result.ok ? {} : Object.fromEntries(Object.entries(result.errors).map(([field, key]) => [field, t(key, params)])));
    if (!result.ok) return;
    move.mutate(
      { body: result.body, idempotencyKey: attempt.keyFor(result.body) },
      {
        onSuccess: () => {
          attempt.reset();
          onDone(true);
        },
      },
    );
  }

  if (open.isPending) return <Loading />;
  return (
    <form ref={formRef} onSubmit={submit} noValidate className="stack form">
      {summary !== undefined && <Alert>{isNetworkError(move.error) ? t("payments.move.errors.outcomeUnknown") : summary}</Alert>}
      <SelectField
        label={t("payments.move.source")}
        name="source"
        value={values.source}
        error={fieldErrors.source}
        onChange={(event) => {
          change("source", event.target.value);
        }}
      >
        <option value="">{t("payments.move.chooseSource")}</option>
        {sources.map((entry) => (
          <option key={entry.invoiceId} value={entry.invoiceId}>
            {t("payments.move.sourceOption", { invoice: invoiceLabel(entry.invoiceNumber), amount: money(entry.amount) })}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("payments.move.target")}
        name="target"
        value={values.target}
        error={fieldErrors.target}
        hint={targets.length === 0 ? t("payments.move.noTargets") : undefined}
        onChange={(event) => {
          change("target", event.target.value);
        }}
      >
        <option value="">{t("payments.move.chooseTarget")}</option>
        {targets.map((invoice) => (
          <option key={invoice.id} value={invoice.id}>
            {t("payments.move.targetOption", { invoice: invoiceLabel(invoice.number), amount: money(invoice.outstanding) })}
          </option>
        ))}
        <option value={TO_CREDIT}>{t("payments.move.toCredit")}</option>
      </SelectField>
      <MoneyField
        label={t("payments.move.amount", { currency: payment.currency })}
        hint={source === undefined ? t("payments.move.amountHintNoSource", params) : t("payments.move.amountHint", params)}
        value={values.amount}
        error={fieldErrors.amount}
        onChange={(value) => {
          change("amount", value);
        }}
      />
      <ReasonAndSubmit
        reasonLabel={t("payments.move.reason")}
        reason={values.reason}
        reasonError={fieldErrors.reason}
        onReasonChange={(reason) => {
          change("reason", reason);
        }}
        note={t("payments.move.receiptNote")}
        submitLabel={t("payments.move.submit")}
        cancelLabel={t("payments.move.cancel")}
        busy={move.isPending}
        onCancel={() => {
          onDone(false);
        }}
      />
    </form>
  );
}
