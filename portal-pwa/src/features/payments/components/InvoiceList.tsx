import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useOnline } from "@/lib/offline";
import { useMyInvoices, type InvoiceFilter } from "../api/get-my-invoices";
import { InvoiceCard } from "./InvoiceCard";

const FILTERS: InvoiceFilter[] = ["to-pay", "paid", "all"];

export interface InvoiceListProps {
  filter: InvoiceFilter;
  onFilterChange: (filter: InvoiceFilter) => void;
  locale: string;
}

/** The tenant's invoices, what is left to pay first: a filter, the cards and "load more". */
export function InvoiceList({ filter, onFilterChange, locale }: InvoiceListProps) {
  const { t } = useTranslation();
  const online = useOnline();
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
            {invoices.isFetchNextPageError && <Alert>{describeProblem(invoices.error, t).message}</Alert>}
            {invoices.hasNextPage && (
              <p className="load-more">
                <Button
                  variant="secondary"
                  busy={invoices.isFetchingNextPage}
                  busyLabel={t("payments.loadingMore")}
                  disabled={!online}
                  onClick={() => void invoices.fetchNextPage()}
                >
                  {t("payments.loadMore")}
                </Button>
              </p>
            )}
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
