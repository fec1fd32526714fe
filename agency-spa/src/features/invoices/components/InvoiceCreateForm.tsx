import { useRef, useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import { formatMoney, minorUnitExponent } from "@doorstep/web-shared/lib/format/money";
import { SelectField } from "@/components/ui/SelectField";
import { moneyInputExample } from "@doorstep/web-shared/lib/format/parse-money";
import { useFormErrors } from "@/lib/hooks/use-form-errors";
import { useLocale } from "@/lib/i18n/use-locale";
import { LeasePicker } from "@/components/LeasePicker";
import type { InvoiceCreate } from "../api/create-invoice";
import {
  invoiceable,
  invoiceFormFields,
  MAX_LINES,
  readInvoiceForm,
  runningTotal,
  STAFF_INVOICE_KINDS,
  type InvoiceErrors,
  type InvoiceFormValues,
  type LineValues,
  type StaffInvoiceKind,
} from "./invoice-form";

type Lease = components["schemas"]["LeaseOut"];

let lineCounter = 0;
function newLine(): LineValues {
  lineCounter += 1;
  return { key: `line-${lineCounter}`, description: "", amount: "" };
}

export interface InvoiceCreateFormProps {
  currency: string;
  /** The lease the form was opened for (from a lease's page), if any. */
  initialLease?: Lease | undefined;
  /** The agency opens staff invoices at once (else they wait in draft for approval). */
  autoApprove: boolean;
  pending: boolean;
  error: unknown;
  onSubmit: (body: InvoiceCreate) => void;
}

/**
 * A deposit, fee or other invoice: the lease, what kind, when it is due, and one or more lines
 * (description and amount, typed in major units and read exactly). The total is the lines' sum;
 * nothing owed is typed in.
 */
export function InvoiceCreateForm({ currency, initialLease, autoApprove, pending, error, onSubmit }: InvoiceCreateFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [lease, setLease] = useState<Lease | undefined>(initialLease !== undefined && invoiceable(initialLease) ? initialLease : undefined);
  const [values, setValues] = useState<Omit<InvoiceFormValues, "leaseId">>({ kind: "fee", dueDate: "", lines: [newLine()] });
  const [announcement, setAnnouncement] = useState("");
  const descriptionRefs = useRef(new Map<string, HTMLInputElement>());
  const { formRef, fieldErrors, summary, setClientErrors } = useFormErrors<string>(error, { fields: invoiceFormFields(values.lines.length) });

  const messageParams = { currency, example: moneyInputExample(currency, locale), count: minorUnitExponent(currency) };
  const translate = (errors: InvoiceErrors) =>
    Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, key === undefined ? "" : t(key, messageParams)]));

  function setLine(key: string, patch: Partial<LineValues>) {
    setValues((previous) => ({ ...previous, lines: previous.lines.map((line) => (line.key === key ? { ...line, ...patch } : line)) }));
  }

  function addLine() {
    const line = newLine();
    setValues((previous) => ({ ...previous, lines: [...previous.lines, line] }));
    setAnnouncement(t("invoices.lineAdded", { count: values.lines.length + 1 }));
    requestAnimationFrame(() => descriptionRefs.current.get(line.key)?.focus());
  }

  function removeLine(index: number) {
    const remaining = values.lines.filter((_, other) => other !== index);
    setValues((previous) => ({ ...previous, lines: remaining }));
    setAnnouncement(t("invoices.lineRemoved", { number: index + 1 }));
    const next = remaining[Math.min(index, remaining.length - 1)];
    if (next !== undefined) requestAnimationFrame(() => descriptionRefs.current.get(next.key)?.focus());
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = readInvoiceForm({ ...values, leaseId: lease?.id ?? "" }, currency, locale);
    setClientErrors(result.ok ? {} : translate(result.errors));
    if (result.ok) onSubmit(result.body);
  }

  const total = runningTotal(values.lines, currency, locale);

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="stack form">
      {summary !== undefined && <Alert>{summary}</Alert>}

      {lease === undefined ? (
        <LeasePicker
          value=""
          error={fieldErrors.lease_id}
          choosable={invoiceable}
          labels={{
            legend: t("invoices.fields.lease"),
            search: t("invoices.leaseSearch"),
            hint: t("invoices.leaseSearchHint"),
            noMatch: t("invoices.noLeaseMatch"),
            notChoosable: t("invoices.notInvoiceable"),
          }}
          onChange={(chosen) => {
            setLease(chosen);
            setAnnouncement(t("invoices.leaseChosen", { lease: `${chosen.unit.name} · ${chosen.unit.property_name}` }));
          }}
        />
      ) : (
        <fieldset className="fieldset">
          <legend>{t("invoices.fields.lease")}</legend>
          <p className="chosen">
            <span className="choice__title">
              {lease.unit.name} · {lease.unit.property_name}
            </span>{" "}
            <span className="muted">{lease.tenants.map((tenant) => `${tenant.first_name} ${tenant.last_name}`).join(", ")}</span>
          </p>
          {fieldErrors.lease_id !== undefined && <p className="field__error">{fieldErrors.lease_id}</p>}
          <Button
            variant="secondary"
            className="button--small"
            onClick={() => {
              setLease(undefined);
            }}
          >
            {t("invoices.changeLease")}
          </Button>
        </fieldset>
      )}
      <p role="status" className="visually-hidden">
        {announcement}
      </p>

      <fieldset className="fieldset">
        <legend>{t("invoices.sections.invoice")}</legend>
        <div className="form-row">
          <SelectField
            label={t("invoices.fields.kind")}
            name="kind"
            value={values.kind}
            error={fieldErrors.kind}
            onChange={(event) => {
              const kind = STAFF_INVOICE_KINDS.find((value) => value === event.target.value);
              if (kind !== undefined) setValues((previous) => ({ ...previous, kind: kind satisfies StaffInvoiceKind }));
            }}
          >
            {STAFF_INVOICE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`invoices.kind.${kind}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t("invoices.fields.dueDate")}
            name="due_date"
            type="date"
            required
            min="1900-01-01"
            max="2199-12-31"
            value={values.dueDate}
            error={fieldErrors.due_date}
            onChange={(event) => {
              setValues((previous) => ({ ...previous, dueDate: event.target.value }));
            }}
          />
        </div>
        <p className="muted">{t("invoices.rentIsGenerated")}</p>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t("invoices.sections.lines")}</legend>
        {fieldErrors.lines !== undefined && <p className="field__error">{fieldErrors.lines}</p>}
        <ol className="lines">
          {values.lines.map((line, index) => (
            <li key={line.key} className="lines__item">
              <TextField
                ref={(element) => {
                  if (element === null) descriptionRefs.current.delete(line.key);
                  else descriptionRefs.current.set(line.key, element);
                }}
                label={t("invoices.lineDescription", { number: index + 1 })}
                name={`lines.${index}.description`}
                required
                maxLength={200}
                value={line.description}
                error={fieldErrors[`lines.${index}.description`]}
                onChange={(event) => {
                  setLine(line.key, { description: event.target.value });
                }}
              />
              <TextField
                label={t("invoices.lineAmount", { number: index + 1, currency })}
                name={`lines.${index}.amount`}
                inputMode="decimal"
                autoComplete="off"
                required
                className="field--narrow"
                value={line.amount}
                error={fieldErrors[`lines.${index}.amount`]}
                onChange={(event) => {
                  setLine(line.key, { amount: event.target.value });
                }}
              />
              {values.lines.length > 1 && (
                <Button
                  variant="secondary"
                  className="button--small lines__remove"
                  onClick={() => {
                    removeLine(index);
                  }}
                >
                  {t("invoices.removeLine", { number: index + 1 })}
                </Button>
              )}
            </li>
          ))}
        </ol>
        <p className="muted">{t("invoices.amountHint", { example: moneyInputExample(currency, locale) })}</p>
        {values.lines.length < MAX_LINES && (
          <Button variant="secondary" onClick={addLine}>
            {t("invoices.addLine")}
          </Button>
        )}
        <p className="total" aria-live="polite">
          {t("invoices.runningTotal", { amount: formatMoney(total, currency, locale) })}
        </p>
      </fieldset>

      <p className="muted">{autoApprove ? t("invoices.opensAtOnce") : t("invoices.waitsForApproval")}</p>
      <div className="form-actions">
        <Button type="submit" busy={pending} busyLabel={t("form.saving")}>
          {t("invoices.create")}
        </Button>
      </div>
    </form>
  );
}
