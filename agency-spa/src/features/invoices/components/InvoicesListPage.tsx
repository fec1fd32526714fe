import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ActiveFilters } from "@/components/ui/ActiveFilters";
import { useLeaseTenantFilters } from "@/components/ui/lease-tenant-filters";
import { CheckboxField } from "@/components/ui/CheckboxField";
import { LoadMore } from "@/components/ui/LoadMore";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { FilterSelect } from "@/components/ui/FilterSelect";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { usePropertyFilterOptions } from "@/lib/api/lookups/property-options";
import { useRole } from "@/lib/auth/permissions";
import { useDebouncedSearchParam, useSearchParamState } from "@/lib/hooks/use-search-param";
import { CsvDownload } from "@/components/ui/CsvDownload";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useLocale } from "@/lib/i18n/use-locale";
import { useDownloadInvoicesCsv } from "../api/export-invoices";
import { useInvoiceTotals, type InvoiceTotals } from "../api/invoice-totals";
import { INVOICE_STATES, useInvoicesList, type InvoiceState } from "../api/list-invoices";
import { InvoicesTable } from "./InvoicesTable";

/** "unpaid" is a shortcut for the two states that still ask for money. */
const UNPAID: readonly InvoiceState[] = ["open", "partially_paid"];

function statesFor(param: string): readonly InvoiceState[] | undefined {
  if (param === "unpaid") return UNPAID;
  const state = INVOICE_STATES.find((value) => value === param);
  return state === undefined ? undefined : [state];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateOrEmpty = (value: string) => (ISO_DATE.test(value) ? value : "");

/**
 * /invoices, filtered by what the API offers: state, overdue, property, due dates, a tenant's
 * name (?q=), and (from a lease's or tenant's page) ?lease_id= / ?tenant_id=. Every filter lives
 * in the address, so the start page's counts open it filtered. The totals and the CSV file cover
 * every invoice the filters find, not only the pages loaded.
 */
export function InvoicesListPage() {
  const { t } = useTranslation();
  const { can } = useRole();
  const [stateParam, setState] = useSearchParamState("state");
  const [overdueParam, setOverdue] = useSearchParamState("overdue");
  const [propertyId, setPropertyId] = useSearchParamState("property_id");
  const [dueFromParam, setDueFrom] = useSearchParamState("due_from");
  const [dueToParam, setDueTo] = useSearchParamState("due_to");
  const search = useDebouncedSearchParam();
  const { leaseId, tenantId, filters: fromAddress } = useLeaseTenantFilters();
  const dueFrom = dateOrEmpty(dueFromParam);
  const dueTo = dateOrEmpty(dueToParam);
  const overdue = overdueParam === "1";
  const states = statesFor(stateParam);
  const propertyOptions = usePropertyFilterOptions();
  const params = { states, overdue, propertyId, dueFrom, dueTo, leaseId, tenantId, q: search.value };
  const list = useInvoicesList(params);
  const totals = useInvoiceTotals(params);
  const download = useDownloadInvoicesCsv(params);
  const tableRef = useRef<HTMLTableElement>(null);
  const filtered =
    states !== undefined || overdue || propertyId !== "" || dueFrom !== "" || dueTo !== "" || leaseId !== "" || tenantId !== "" || search.value !== "";


  return (
    <>
      <div className="page-header">
        <PageHeading>{t("invoices.title")}</PageHeading>
        {can("invoices:write") && (
          <Link className="button button--primary" to={leaseId === "" ? "/invoices/new" : `/invoices/new?lease_id=${leaseId}`}>
            {t("invoices.new")}
          </Link>
        )}
      </div>
      <ActiveFilters filters={fromAddress} />
      <search className="filters">
        <TextField
          label={t("lists.tenant")}
          hint={t("lists.tenantHint")}
          name="q"
          type="search"
          value={search.input}
          onChange={(event) => {
            search.setInput(event.target.value);
          }}
        />
        <FilterSelect
          label={t("invoices.fields.state")}
          name="state"
          value={states === undefined ? "" : stateParam}
          anyLabel={t("invoices.filters.allStates")}
          options={[
            { value: "unpaid", label: t("invoices.filters.unpaid") },
            ...INVOICE_STATES.map((value) => ({ value, label: t(`invoices.state.${value}`) })),
          ]}
          onChange={setState}
        />
        <FilterSelect
          label={t("invoices.fields.property")}
          name="property_id"
          value={propertyId}
          anyLabel={t("invoices.filters.allProperties")}
          options={propertyOptions}
          onChange={setPropertyId}
        />
        <TextField
          label={t("invoices.filters.dueFrom")}
          name="due_from"
          type="date"
          max={dueTo === "" ? undefined : dueTo}
          value={dueFrom}
          onChange={(event) => {
            setDueFrom(event.target.value);
          }}
        />
        <TextField
          label={t("invoices.filters.dueTo")}
          name="due_to"
          type="date"
          min={dueFrom === "" ? undefined : dueFrom}
          value={dueTo}
          onChange={(event) => {
            setDueTo(event.target.value);
          }}
        />
        <CheckboxField
          label={t("invoices.filters.overdueOnly")}
          name="overdue"
          checked={overdue}
          onChange={(event) => {
            setOverdue(event.target.checked ? "1" : "");
          }}
        />
      </search>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={list.refetch} />
      ) : list.items.length === 0 ? (
        <p className="empty">{filtered ? t("invoices.noMatch") : t("invoices.empty")}</p>
      ) : (
        <>
          {totals.data !== undefined && <Totals totals={totals.data} />}
          <CsvDownload download={download} />
          <InvoicesTable ref={tableRef} invoices={list.items} caption={t("invoices.title")} busy={list.isPlaceholderData} />
          <LoadMore shown={list.items.length} hasMore={list.hasMore} busy={list.isLoadingMore} onLoadMore={list.loadMore} tableRef={tableRef} />
        </>
      )}
    </>
  );
}

/** The sums of every invoice the filters find (GET /invoice-totals). */
function Totals({ totals }: { totals: InvoiceTotals }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = (value: number) => formatMoney(value, totals.currency, locale);
  return (
    <dl className="figures" aria-label={t("lists.totals")}>
      <div className="figures__item">
        <dt>{t("lists.invoiceTotals.invoices")}</dt>
        <dd>{totals.invoices}</dd>
      </div>
      <div className="figures__item">
        <dt>{t("lists.invoiceTotals.total")}</dt>
        <dd>{money(totals.total)}</dd>
      </div>
      <div className="figures__item">
        <dt>{t("lists.invoiceTotals.credited")}</dt>
        <dd>{money(totals.credited)}</dd>
      </div>
      <div className="figures__item">
        <dt>{t("lists.invoiceTotals.paid")}</dt>
        <dd>{money(totals.paid)}</dd>
      </div>
      <div className="figures__item figures__item--attention">
        <dt>{t("lists.invoiceTotals.outstanding")}</dt>
        <dd>{money(totals.outstanding)}</dd>
      </div>
    </dl>
  );
}
