import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useMyInvoices, type InvoiceFilter } from "../api/get-my-invoices";
import { InvoiceCard } from "./InvoiceCard";
import { LoadMore } from "@/components/LoadMore";

const FILTERS: InvoiceFilter[] = ["to-pay", "paid", "all"];

export interface InvoiceListProps {
  filter: InvoiceFilter;
  onFilterChange: (filter: InvoiceFilter) => void;
  locale: string;
}

/** The tenant's invoices, what is left to pay first: a filter, the cards and "load more". */
export function InvoiceList({ filter, onFilterChange, locale }: InvoiceListProps) {
  const { t } = useTranslation();
  const invoices = useMyInvoices(filter);
  const items = invoices.data?.pages.flatMap((page) => page.items);

  return (
    <section className="section" aria-labelledby="invoices-title">
      <h2 id="invoices-title">{t("payments.invoices.title")}</h2>
      <div className="segmented" role="group" aria-label={t("payments.filter.label")}>
        {FILTERS.map((value) => (
          <button
            key={value}
            type="button"
            className="segmented__option"
            aria-pressed={filter === value}
            onClick={() => { onFilterChange(value); }}
          >
            {t(`payments.filter.${value}`)}
          </button>
        ))}
      </div>
      {items !== undefined ? (
        items.length === 0 ? (
          <div className="card empty-state">
            <p className="empty-state__title">{t(`payments.invoices.empty.${filter}`)}</p>
          </div>
        ) : (
          <>
            <ul className="card-list">
              {items.map((invoice) => (
                <li key={invoice.id}>
                  <InvoiceCard invoice={invoice} locale={locale} />
                </li>
              ))}
            </ul>
            <LoadMore query={invoices} label={t("payments.loadMore")} busyLabel={t("payments.loadingMore")} />
          </>
        )
      ) : invoices.isError ? (
        <Alert>{describeProblem(invoices.error, t).message}</Alert>
      ) : (
        <p aria-busy="true">{t("app.loading")}</p>
      )}
    </section>
  );
}
