import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { Loading } from "@/components/ui/QueryStatus";
import { useLocale } from "@/lib/i18n/use-locale";
import type { AllocationSplit } from "@/lib/money/use-allocation-split";
import { AllocationFields } from "./AllocationFields";

export interface AllocationSectionProps {
  /** The trust account receipts the oldest invoice first (seed 003): the API allocates, staff do not. */
  oldestFirst: boolean;
  /** The split of the money over the lease's open invoices (which it loads). */
  split: AllocationSplit;
  currency: string;
  /** The money there is to allocate, as typed so far. */
  available: number;
  /** The split's own problem (the form's check, or the API's `allocations` field). */
  error?: string | undefined;
}

/**
 * "Which invoices it settles", the same way on every form that records money staff received
 * (seed 003): when the trust account receipts the oldest invoice first, the API allocates and the
 * form only says so, listing what is open; otherwise staff split the money over the lease's open
 * invoices, prefilled, and what they leave unallocated becomes the tenant's credit on the lease.
 */
export function AllocationSection({ oldestFirst, split, currency, available, error }: AllocationSectionProps) {
  const { t } = useTranslation();
  const { invoices } = split;
  const locale = useLocale();
  const dates = useDateFormat();
  const money = (value: number) => formatMoney(value, currency, locale);
  return (
    <fieldset className="fieldset">
      <legend>{t("payments.allocation.legend")}</legend>
      {error !== undefined && <p className="field__error">{error}</p>}
      {oldestFirst ? (
        <Alert tone="info">{t("payments.allocation.automatic")}</Alert>
      ) : invoices.isPending ? (
        <Loading />
      ) : invoices.isError ? (
        <p className="field__error">{t("errors.network")}</p>
      ) : invoices.items.length === 0 ? (
        <p className="muted">{t("payments.allocation.noOpenInvoices")}</p>
      ) : (
        <>
          <p className="muted">{t("payments.allocation.manual")}</p>
          <AllocationFields
            invoices={invoices.items}
            inputs={split.inputs}
            errors={split.rowErrors}
            currency={currency}
            available={available}
            allocated={split.allocated}
            onChange={split.change}
          />
          {split.edited && (
            <Button variant="secondary" className="button--small" onClick={split.resplit}>
              {t("payments.allocation.resplit")}
            </Button>
          )}
        </>
      )}
      {oldestFirst && invoices.items.length > 0 && (
        <ul className="plain-list" aria-label={t("payments.allocation.openInvoices")}>
          {invoices.items.map((invoice) => (
            <li key={invoice.id}>
              {invoice.number === null ? t("invoices.draftTitle") : t("invoices.numbered", { number: invoice.number })}:{" "}
              {t("payments.allocation.openInvoice", { due: dates.date(invoice.due_date), outstanding: money(invoice.outstanding) })}
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
