import { useId, useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { formatMoney, minorUnitExponent } from "@doorstep/web-shared/lib/format/money";
import { MoneyField } from "@/components/money/MoneyField";
import { ReasonAndSubmit } from "@/components/ui/ReasonAndSubmit";
import { moneyInputExample } from "@doorstep/web-shared/lib/format/parse-money";
import { useFormErrors } from "@/lib/hooks/use-form-errors";
import { useLocale } from "@/lib/i18n/use-locale";
import { useIdempotencyKey } from "@/lib/hooks/use-idempotency-key";
import { useCreateCreditNote } from "../api/create-credit-note";
import type { CreditNote, CreditNoteKind } from "../api/list-credit-notes";
import type { Invoice } from "../api/list-invoices";
import { readCreditNote, type CreditNoteField, type CreditNoteValues } from "./credit-note-form";

const KINDS: readonly CreditNoteKind[] = ["credit", "write_off"];
const FIELDS: readonly CreditNoteField[] = ["kind", "amount", "reason"];

export interface CreditNoteFormProps {
  invoice: Invoice;
  /** The agency's approval threshold, in minor units. */
  threshold: number;
  onDone: (note: CreditNote | null) => void;
}

/**
 * A credit note (the tenant owes less) or a write-off (the agency gives up collecting it), with
 * the reason the API requires. What happens next is said from the API's answer: applied at once,
 * or waiting in the approvals inbox when it is above the threshold.
 */
export function CreditNoteForm({ invoice, threshold, onDone }: CreditNoteFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const create = useCreateCreditNote(invoice.id);
  const attempt = useIdempotencyKey();
  const kindName = useId();
  const [values, setValues] = useState<CreditNoteValues>({ kind: "credit", amount: "", reason: "" });
  const { formRef, fieldErrors, summary, setClientErrors } = useFormErrors<CreditNoteField>(create.error, {
    fields: FIELDS,
    byType: {
      "credit-exceeds-outstanding": { field: "amount", message: t("invoices.errors.creditTooLargeNow") },
    },
  });
  const money = (amount: number) => formatMoney(amount, invoice.currency, locale);
  const params = {
    currency: invoice.currency,
    example: moneyInputExample(invoice.currency, locale),
    count: minorUnitExponent(invoice.currency),
    outstanding: money(invoice.outstanding),
  };

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = readCreditNote(values, invoice.outstanding, invoice.currency, locale);
    setClientErrors(result.ok ? {} : Object.fromEntries(Object.entries(result.errors).map(([field, key]) => [field, t(key, params)])));
    if (!result.ok) return;
    if (create.isPending) return;
    create.mutate(
      { body: result.body, idempotencyKey: attempt.keyFor(result.body) },
      {
        onSuccess: (note) => {
          attempt.reset();
          onDone(note);
        },
      },
    );
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="stack form">
      {summary !== undefined && <Alert>{summary}</Alert>}
      <fieldset className="fieldset">
        <legend>{t("invoices.credit.kindLegend")}</legend>
        {KINDS.map((kind) => (
          <div key={kind} className="choice">
            <input
              type="radio"
              id={`${kindName}-${kind}`}
              name="kind"
              value={kind}
              checked={values.kind === kind}
              onChange={() => {
                setValues((previous) => ({ ...previous, kind }));
              }}
            />
            <label htmlFor={`${kindName}-${kind}`}>
              <span className="choice__title">{t(`invoices.credit.kind.${kind}`)}</span>{" "}
              <span className="muted">{t(`invoices.credit.kindHint.${kind}`)}</span>
            </label>
          </div>
        ))}
      </fieldset>
      <MoneyField
        label={t("invoices.credit.amount", { currency: invoice.currency })}
        hint={t("invoices.credit.amountHint", params)}
        value={values.amount}
        error={fieldErrors.amount}
        onChange={(value) => {
          setValues((previous) => ({ ...previous, amount: value }));
        }}
      />
      <ReasonAndSubmit
        reasonLabel={t("invoices.credit.reason")}
        reasonHint={t("invoices.credit.reasonHint")}
        reason={values.reason}
        reasonError={fieldErrors.reason}
        onReasonChange={(reason) => {
          setValues((previous) => ({ ...previous, reason }));
        }}
        note={t("invoices.credit.thresholdNote", { threshold: money(threshold) })}
        submitLabel={t(`invoices.credit.submit.${values.kind}`)}
        cancelLabel={t("invoices.credit.cancel")}
        busy={create.isPending}
        onCancel={() => {
          onDone(null);
        }}
      />
    </form>
  );
}
