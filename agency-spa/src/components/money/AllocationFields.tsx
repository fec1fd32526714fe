import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useLocale } from "@/lib/i18n/use-locale";
import type { OpenInvoice } from "@/lib/api/lookups/open-invoices";

export interface AllocationFieldsProps {
  invoices: readonly OpenInvoice[];
  inputs: Readonly<Record<string, string>>;
  onChange: (invoiceId: string, value: string) => void;
  /** Per invoice id. */
  errors: Readonly<Partial<Record<string, string>>>;
  currency: string;
  /** The money there is to allocate (the payment, or what is left of it). */
  available: number;
  /** What the amounts that read correctly add up to. */
  allocated: number;
}

function invoiceLabel(invoice: OpenInvoice, t: TFunction): string {
  return invoice.number === null ? t("invoices.draftTitle") : t("invoices.numbered", { number: invoice.number });
}

/**
 * One amount per open invoice of the lease, beside what that invoice still asks for, and the
 * running sum: what is allocated and what is left, which stays the tenant's credit on the lease.
 */
export function AllocationFields({ invoices, inputs, onChange, errors, currency, available, allocated }: AllocationFieldsProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const money = (amount: number) => formatMoney(amount, currency, locale);
  const left = available - allocated;
  return (
    <>
      <ul className="allocation-list">
        {invoices.map((invoice) => {
          const label = invoiceLabel(invoice, t);
          return (
            <li key={invoice.id} className="allocation-list__item">
              <TextField
                label={t("payments.allocation.amountFor", { invoice: label, currency })}
                hint={t("payments.allocation.invoiceHint", {
                  kind: t(`invoices.kind.${invoice.kind}`),
                  due: dates.date(invoice.due_date),
                  outstanding: money(invoice.outstanding),
                })}
                name={`allocation-${invoice.id}`}
                inputMode="decimal"
                autoComplete="off"
                className="field--narrow"
                value={inputs[invoice.id] ?? ""}
                error={errors[invoice.id]}
                onChange={(event) => {
                  onChange(invoice.id, event.target.value);
                }}
              />
            </li>
          );
        })}
      </ul>
      <p className="total" aria-live="polite">
        {left >= 0
          ? t("payments.allocation.sum", { allocated: money(allocated), available: money(available), left: money(left) })
          : t("payments.allocation.sumOver", { allocated: money(allocated), available: money(available), over: money(-left) })}
      </p>
    </>
  );
}
