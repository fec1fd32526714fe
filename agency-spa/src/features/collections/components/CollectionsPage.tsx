import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LoadMore } from "@/components/ui/LoadMore";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { SelectField } from "@/components/ui/SelectField";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useLocale } from "@/lib/i18n/use-locale";
import { useCollectionsSummary, type CollectionsScope, type Figures } from "../api/get-summary";
import { useCollectionsByLease, type LeaseFigures, type LeaseSort, type SortOrder } from "../api/list-by-lease";
import { CollectionsChart } from "./CollectionsChart";
import { CollectionsNav } from "./CollectionsNav";
import { FiguresSummary } from "./FiguresSummary";
import { PeriodPicker } from "./PeriodPicker";
import { PropertyFilter } from "./PropertyFilter";
import { TenantFilter } from "./TenantFilter";
import { TenantLinks } from "./TenantLinks";
import { useClientPages } from "./use-client-pages";
import { useCollectionsFilters } from "./use-collections-filters";

const LEASE_SORTS: readonly LeaseSort[] = ["property", "tenant", "expected", "collected", "outstanding"];

/** Amount columns start with the largest; names alphabetically. */
function defaultOrder(sort: LeaseSort): SortOrder {
  return sort === "property" || sort === "tenant" ? "asc" : "desc";
}

export function CollectionsPage() {
  const { t } = useTranslation();
  const filters = useCollectionsFilters();
  const scope: CollectionsScope = {
    from: filters.period.from,
    to: filters.period.to,
    propertyId: filters.propertyId,
    tenantId: filters.tenantId,
  };
  const summary = useCollectionsSummary(scope);

  return (
    <>
      <div className="page-header">
        <PageHeading>{t("collections.title")}</PageHeading>
      </div>
      <CollectionsNav />
      <p className="muted">{t("collections.intro")}</p>
      <search className="filters filters--report" aria-label={t("collections.filters.label")}>
        <PeriodPicker key={`${scope.from}/${scope.to}`} period={filters.period} today={filters.today} onChange={filters.setPeriod} />
        <PropertyFilter propertyId={filters.propertyId} onChange={filters.setPropertyId} />
        <TenantFilter tenantId={filters.tenantId} onChange={filters.setTenantId} />
      </search>

      {summary.isPending ? (
        <Loading />
      ) : summary.isError ? (
        <LoadError error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <div aria-busy={summary.isPlaceholderData || undefined}>
          <section aria-labelledby="collections-totals" className="section section--first">
            <h2 id="collections-totals">{t("collections.totalsTitle")}</h2>
            <FiguresSummary figures={summary.data.totals} currency={summary.data.currency} label={t("collections.totalsTitle")} />
            {summary.data.totals.invoices === 0 ? (
              <p className="empty">{t("collections.noInvoicesDue")}</p>
            ) : (
              <CollectionsChart series={summary.data.series} interval={summary.data.interval} currency={summary.data.currency} />
            )}
          </section>
          <section aria-labelledby="collections-properties" className="section">
            <h2 id="collections-properties">{t("collections.byProperty")}</h2>
            {summary.data.properties.length === 0 ? (
              <p className="empty">{t("collections.noInvoicesDue")}</p>
            ) : (
              <PropertiesTable rows={summary.data.properties} currency={summary.data.currency} onPick={filters.setPropertyId} />
            )}
          </section>
          <ByLeaseSection scope={scope} sort={filters.param("sort")} order={filters.param("order")} update={filters.update} />
        </div>
      )}
    </>
  );
}

function FigureCells({ figures, currency }: { figures: Figures; currency: string }) {
  const locale = useLocale();
  return (
    <>
      <td className="table__number">{formatMoney(figures.expected, currency, locale)}</td>
      <td className="table__number">{formatMoney(figures.collected, currency, locale)}</td>
      <td className="table__number">
        <strong>{formatMoney(figures.outstanding, currency, locale)}</strong>
      </td>
    </>
  );
}

function FigureHeaders() {
  const { t } = useTranslation();
  return (
    <>
      <th scope="col" className="table__number">
        {t("collections.figures.expected")}
      </th>
      <th scope="col" className="table__number">
        {t("collections.figures.collected")}
      </th>
      <th scope="col" className="table__number">
        {t("collections.figures.outstanding")}
      </th>
    </>
  );
}

function PropertiesTable({
  rows,
  currency,
  onPick,
}: {
  rows: { property_id: string; property_name: string; leases: number; figures: Figures }[];
  currency: string;
  onPick: (propertyId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">{t("collections.byProperty")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("collections.columns.property")}</th>
            <th scope="col" className="table__number">
              {t("collections.columns.leases")}
            </th>
            <th scope="col" className="table__number">
              {t("collections.figures.invoices")}
            </th>
            <FigureHeaders />
            <th scope="col">
              <span className="visually-hidden">{t("collections.columns.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.property_id}>
              <th scope="row">
                <Link to={`/properties/${row.property_id}`}>{row.property_name}</Link>
              </th>
              <td className="table__number">{row.leases}</td>
              <td className="table__number">{row.figures.invoices}</td>
              <FigureCells figures={row.figures} currency={currency} />
              <td>
                <button
                  type="button"
                  className="button button--link"
                  onClick={() => {
                    onPick(row.property_id);
                  }}
                >
                  {t("collections.onlyProperty", { name: row.property_name })}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ByLeaseSection({
  scope,
  sort: sortParam,
  order: orderParam,
  update,
}: {
  scope: CollectionsScope;
  sort: string;
  order: string;
  update: (changes: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const sort = LEASE_SORTS.find((value) => value === sortParam) ?? "outstanding";
  const order: SortOrder = orderParam === "asc" || orderParam === "desc" ? orderParam : defaultOrder(sort);
  const leases = useCollectionsByLease({ ...scope, sort, order });

  return (
    <section aria-labelledby="collections-leases" className="section">
      <div className="section-header">
        <h2 id="collections-leases">{t("collections.byLease")}</h2>
        <div className="sort-controls">
          <SelectField
            label={t("collections.sort.label")}
            name="sort"
            value={sort}
            onChange={(event) => {
              const next = event.target.value as LeaseSort;
              update({ sort: next, order: defaultOrder(next) });
            }}
          >
            {LEASE_SORTS.map((value) => (
              <option key={value} value={value}>
                {t(`collections.sort.${value}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("collections.sort.order")}
            name="order"
            value={order}
            onChange={(event) => {
              update({ order: event.target.value });
            }}
          >
            <option value="asc">{t("collections.sort.asc")}</option>
            <option value="desc">{t("collections.sort.desc")}</option>
          </SelectField>
        </div>
      </div>
      {leases.isPending ? (
        <Loading />
      ) : leases.isError ? (
        <LoadError error={leases.error} onRetry={() => void leases.refetch()} />
      ) : leases.data.leases.length === 0 ? (
        <p className="empty">{t("collections.noInvoicesDue")}</p>
      ) : (
        <LeasesTable
          key={JSON.stringify([scope, sort, order])}
          rows={leases.data.leases}
          currency={leases.data.currency}
          busy={leases.isPlaceholderData}
        />
      )}
    </section>
  );
}

function LeasesTable({ rows, currency, busy }: { rows: LeaseFigures[]; currency: string; busy: boolean }) {
  const { t } = useTranslation();
  const tableRef = useRef<HTMLTableElement>(null);
  const pages = useClientPages(rows);
  return (
    <>
      <div className="table-scroll">
        <table ref={tableRef} className="table" aria-busy={busy || undefined}>
          <caption className="visually-hidden">{t("collections.byLease")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("collections.columns.lease")}</th>
              <th scope="col">{t("collections.columns.tenants")}</th>
              <th scope="col" className="table__number">
                {t("collections.figures.invoices")}
              </th>
              <FigureHeaders />
            </tr>
          </thead>
          <tbody>
            {pages.shown.map((row) => (
              <tr key={row.lease_id}>
                <th scope="row">
                  <Link to={`/leases/${row.lease_id}`}>
                    {row.unit_name} · {row.property_name}
                  </Link>
                  {row.lease_status !== "active" && (
                    <span className="table__sub muted">{t(`collections.leaseStatus.${row.lease_status === "ended" ? "ended" : "other"}`)}</span>
                  )}
                </th>
                <td>
                  <TenantLinks tenants={row.tenants} />
                </td>
                <td className="table__number">{row.figures.invoices}</td>
                <FigureCells figures={row.figures} currency={currency} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LoadMore shown={pages.shown.length} hasMore={pages.hasMore} busy={false} onLoadMore={pages.loadMore} tableRef={tableRef} />
    </>
  );
}
