import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LoadMore } from "@/components/ui/LoadMore";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { SelectField } from "@/components/ui/SelectField";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useRole } from "@/lib/auth/permissions";
import { useLocale } from "@/lib/i18n/use-locale";
import { useOverdue, type Ageing, type LeaseAgeing, type OverdueSort } from "../api/get-overdue";
import type { SortOrder } from "../api/list-by-lease";
import { CollectionsNav } from "./CollectionsNav";
import { daysBetween } from "@doorstep/web-shared/lib/format/date";
import { BUCKETS, isIsoDate, oldestBucket } from "./period";
import { PropertyFilter } from "./PropertyFilter";
import { TenantFilter } from "./TenantFilter";
import { TenantLinks } from "./TenantLinks";
import { useClientPages } from "./use-client-pages";
import { useCollectionsFilters } from "./use-collections-filters";

const OVERDUE_SORTS: readonly OverdueSort[] = ["overdue", "oldest", "property", "tenant"];

function defaultOrder(sort: OverdueSort): SortOrder {
  return sort === "overdue" ? "desc" : "asc";
}

/**
 * Overdue balances per lease, aged 1–30, 31–60, 61–90 and over 90 days past due, with the
 * totals of each bucket. Each row opens the lease and its tenants, and offers the follow-up.
 */
export function OverduePage() {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const filters = useCollectionsFilters();
  const atParam = filters.param("at");
  const at = isIsoDate(atParam) ? atParam : "";
  const sort = OVERDUE_SORTS.find((value) => value === filters.param("sort")) ?? "overdue";
  const orderParam = filters.param("order");
  const order: SortOrder = orderParam === "asc" || orderParam === "desc" ? orderParam : defaultOrder(sort);
  const overdue = useOverdue({ at, propertyId: filters.propertyId, tenantId: filters.tenantId, sort, order });

  return (
    <>
      <div className="page-header">
        <PageHeading>{t("collections.overdue.title")}</PageHeading>
      </div>
      <CollectionsNav />
      <p className="muted">{t("collections.overdue.intro")}</p>
      <search className="filters filters--report" aria-label={t("collections.filters.label")}>
        <TextField
          label={t("collections.overdue.at")}
          hint={t("collections.overdue.atHint")}
          name="at"
          type="date"
          value={at === "" ? filters.today : at}
          onChange={(event) => {
            const value = event.target.value;
            filters.update({ at: value === filters.today ? "" : value });
          }}
        />
        <PropertyFilter propertyId={filters.propertyId} onChange={filters.setPropertyId} />
        <TenantFilter tenantId={filters.tenantId} onChange={filters.setTenantId} />
        <SelectField
          label={t("collections.sort.label")}
          name="sort"
          value={sort}
          onChange={(event) => {
            const next = event.target.value as OverdueSort;
            filters.update({ sort: next, order: defaultOrder(next) });
          }}
        >
          {OVERDUE_SORTS.map((value) => (
            <option key={value} value={value}>
              {t(`collections.overdue.sort.${value}`)}
            </option>
          ))}
        </SelectField>
      </search>
      {overdue.isPending ? (
        <Loading />
      ) : overdue.isError ? (
        <LoadError error={overdue.error} onRetry={() => void overdue.refetch()} />
      ) : (
        <div aria-busy={overdue.isPlaceholderData || undefined}>
          <section aria-labelledby="overdue-buckets" className="section section--first">
            <h2 id="overdue-buckets">{t("collections.overdue.bucketsTitle", { date: dates.date(overdue.data.at) })}</h2>
            <BucketTotals ageing={overdue.data.totals} currency={overdue.data.currency} />
          </section>
          <section aria-labelledby="overdue-leases" className="section">
            <h2 id="overdue-leases">{t("collections.overdue.leasesTitle")}</h2>
            {overdue.data.leases.length === 0 ? (
              <p className="empty">{t("collections.overdue.none")}</p>
            ) : (
              <OverdueTable key={JSON.stringify([at, filters.propertyId, filters.tenantId, sort, order])} rows={overdue.data.leases} at={overdue.data.at} currency={overdue.data.currency} />
            )}
          </section>
        </div>
      )}
    </>
  );
}

export function BucketTotals({ ageing, currency }: { ageing: Ageing; currency: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <dl className="figures" aria-label={t("collections.overdue.bucketsLabel")}>
      {BUCKETS.map((bucket) => (
        <div key={bucket} className={`figures__item figures__item--${bucket}`}>
          <dt>{t(`collections.buckets.${bucket}`)}</dt>
          <dd>{formatMoney(ageing[bucket], currency, locale)}</dd>
        </div>
      ))}
      <div className="figures__item figures__item--attention">
        <dt>{t("collections.overdue.total")}</dt>
        <dd>{formatMoney(ageing.total, currency, locale)}</dd>
      </div>
      <div className="figures__item">
        <dt>{t("collections.overdue.invoices")}</dt>
        <dd>{ageing.invoices}</dd>
      </div>
    </dl>
  );
}

function OverdueTable({ rows, at, currency }: { rows: LeaseAgeing[]; at: string; currency: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const canWrite = useRole().can("collections:write");
  const tableRef = useRef<HTMLTableElement>(null);
  const pages = useClientPages(rows);
  const money = (value: number) => (value === 0 ? "—" : formatMoney(value, currency, locale));
  return (
    <>
      <div className="table-scroll">
        <table ref={tableRef} className="table table--overdue">
          <caption className="visually-hidden">{t("collections.overdue.leasesTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("collections.columns.lease")}</th>
              <th scope="col">{t("collections.columns.tenants")}</th>
              {BUCKETS.map((bucket) => (
                <th key={bucket} scope="col" className="table__number">
                  {t(`collections.buckets.${bucket}`)}
                </th>
              ))}
              <th scope="col" className="table__number">
                {t("collections.overdue.total")}
              </th>
              <th scope="col">{t("collections.overdue.oldest")}</th>
              <th scope="col" className="table__number">
                {t("collections.overdue.credit")}
              </th>
              <th scope="col">{t("collections.columns.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {pages.shown.map((row) => {
              const oldest = oldestBucket(row.ageing);
              const place = `${row.unit_name} · ${row.property_name}`;
              return (
                <tr key={row.lease_id} data-oldest-bucket={oldest}>
                  <th scope="row">
                    <Link to={`/leases/${row.lease_id}`}>{place}</Link>
                  </th>
                  <td>
                    <TenantLinks tenants={row.tenants} />
                  </td>
                  {BUCKETS.map((bucket) => (
                    <td key={bucket} className="table__number">
                      {money(row.ageing[bucket])}
                    </td>
                  ))}
                  <td className="table__number">
                    <strong>{formatMoney(row.ageing.total, currency, locale)}</strong>
                    <span className="table__sub muted">{t("collections.overdue.invoiceCount", { count: row.ageing.invoices })}</span>
                  </td>
                  <td>
                    {dates.date(row.oldest_due_date)}
                    <span className="table__sub muted">{t("collections.overdue.daysLate", { count: daysBetween(row.oldest_due_date, at) })}</span>
                    {row.recurring_charge_on != null && (
                      <span className="badge badge--recurring-charge">
                        {t("collections.overdue.recurringCharge", { date: dates.date(row.recurring_charge_on) })}
                      </span>
                    )}
                  </td>
                  <td className="table__number">
                    {row.credit > 0 ? formatMoney(row.credit, currency, locale) : "—"}
                    {row.credit > 0 && <span className="table__sub muted">{t("collections.overdue.creditHint")}</span>}
                  </td>
                  <td>
                    <div className="row-actions">
                      {canWrite && (
                        <Link
                          className="button button--secondary button--small"
                          to={`/collections/follow-ups/new?lease_id=${row.lease_id}`}
                          aria-label={`${t("collections.overdue.followUp")} — ${place}`}
                        >
                          {t("collections.overdue.followUp")}
                        </Link>
                      )}
                      <Link to={`/collections/follow-ups?lease_id=${row.lease_id}`} aria-label={`${t("collections.overdue.history")} — ${place}`}>
                        {t("collections.overdue.history")}
                      </Link>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <LoadMore shown={pages.shown.length} hasMore={pages.hasMore} busy={false} onLoadMore={pages.loadMore} tableRef={tableRef} />
    </>
  );
}
