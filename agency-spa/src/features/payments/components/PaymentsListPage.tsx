import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ActiveFilters } from "@/components/ui/ActiveFilters";
import { useLeaseTenantFilters } from "@/components/ui/lease-tenant-filters";
import { LoadMore } from "@/components/ui/LoadMore";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { FilterSelect } from "@/components/ui/FilterSelect";
import { useRole } from "@/lib/auth/permissions";
import { useDebouncedSearchParam, useSearchParamState } from "@/lib/hooks/use-search-param";
import { CsvDownload } from "@/components/ui/CsvDownload";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useLocale } from "@/lib/i18n/use-locale";
import { useDownloadPaymentsCsv } from "../api/export-payments";
import { PAYMENT_METHODS, PAYMENT_STATUSES, usePaymentsList } from "../api/list-payments";
import { usePaymentTotals, type PaymentTotals } from "../api/payment-totals";
import { PaymentsTable } from "./PaymentsTable";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateOrEmpty = (value: string) => (ISO_DATE.test(value) ? value : "");

/**
 * /payments, filtered by method, status, the day received (?received_from=&received_to=), a
 * tenant's name (?q=), and (from a lease's or tenant's page) ?lease_id= / ?tenant_id=. Every
 * filter lives in the address, so the start page's "failed payments" opens it filtered. The
 * totals and the CSV file cover every payment the filters find, not only the pages loaded.
 */
export function PaymentsListPage() {
  const { t } = useTranslation();
  const { can } = useRole();
  const [methodParam, setMethod] = useSearchParamState("method");
  const [statusParam, setStatus] = useSearchParamState("status");
  const [fromParam, setReceivedFrom] = useSearchParamState("received_from");
  const [toParam, setReceivedTo] = useSearchParamState("received_to");
  const search = useDebouncedSearchParam();
  const { leaseId, tenantId, filters: fromAddress } = useLeaseTenantFilters();
  const method = PAYMENT_METHODS.find((value) => value === methodParam);
  const status = PAYMENT_STATUSES.find((value) => value === statusParam);
  const receivedFrom = dateOrEmpty(fromParam);
  const receivedTo = dateOrEmpty(toParam);
  const params = { method, status, leaseId, tenantId, receivedFrom, receivedTo, q: search.value };
  const list = usePaymentsList(params);
  const totals = usePaymentTotals(params);
  const download = useDownloadPaymentsCsv(params);
  const tableRef = useRef<HTMLTableElement>(null);
  const filtered =
    method !== undefined || status !== undefined || leaseId !== "" || tenantId !== "" || receivedFrom !== "" || receivedTo !== "" || search.value !== "";

  const newParams = new URLSearchParams();
  if (leaseId !== "") newParams.set("lease_id", leaseId);
  else if (tenantId !== "") newParams.set("tenant_id", tenantId);
  const newQuery = newParams.toString();

  return (
    <>
      <div className="page-header">
        <PageHeading>{t("payments.title")}</PageHeading>
        {can("payments:write") && (
          <Link className="button button--primary" to={newQuery === "" ? "/payments/new" : `/payments/new?${newQuery}`}>
            {t("payments.new")}
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
          label={t("payments.fields.method")}
          name="method"
          value={method ?? ""}
          anyLabel={t("payments.filters.allMethods")}
          options={PAYMENT_METHODS.map((value) => ({ value, label: t(`payments.method.${value}`) }))}
          onChange={setMethod}
        />
        <FilterSelect
          label={t("payments.fields.status")}
          name="status"
          value={status ?? ""}
          anyLabel={t("payments.filters.allStatuses")}
          options={PAYMENT_STATUSES.map((value) => ({ value, label: t(`payments.status.${value}`) }))}
          onChange={setStatus}
        />
        <TextField
          label={t("lists.receivedFrom")}
          name="received_from"
          type="date"
          max={receivedTo === "" ? undefined : receivedTo}
          value={receivedFrom}
          onChange={(event) => {
            setReceivedFrom(event.target.value);
          }}
        />
        <TextField
          label={t("lists.receivedTo")}
          name="received_to"
          type="date"
          min={receivedFrom === "" ? undefined : receivedFrom}
          value={receivedTo}
          onChange={(event) => {
            setReceivedTo(event.target.value);
          }}
        />
      </search>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={list.refetch} />
      ) : list.items.length === 0 ? (
        <p className="empty">{filtered ? t("payments.noMatch") : t("payments.empty")}</p>
      ) : (
        <>
          {totals.data !== undefined && <Totals totals={totals.data} />}
          <CsvDownload download={download} />
          <PaymentsTable ref={tableRef} payments={list.items} caption={t("payments.title")} busy={list.isPlaceholderData} />
          <LoadMore shown={list.items.length} hasMore={list.hasMore} busy={list.isLoadingMore} onLoadMore={list.loadMore} tableRef={tableRef} />
        </>
      )}
    </>
  );
}

/** The sums of every payment the filters find (GET /payment-totals); money only from those that succeeded. */
function Totals({ totals }: { totals: PaymentTotals }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = (value: number) => formatMoney(value, totals.currency, locale);
  return (
    <dl className="figures" aria-label={t("lists.totals")}>
      <div className="figures__item">
        <dt>{t("lists.paymentTotals.payments")}</dt>
        <dd>{totals.payments}</dd>
      </div>
      <div className="figures__item">
        <dt>{t("lists.paymentTotals.received")}</dt>
        <dd>{money(totals.received)}</dd>
      </div>
      <div className="figures__item">
        <dt>{t("lists.paymentTotals.refunded")}</dt>
        <dd>{money(totals.refunded)}</dd>
      </div>
      <div className="figures__item">
        <dt>{t("lists.paymentTotals.allocated")}</dt>
        <dd>{money(totals.allocated)}</dd>
      </div>
      <div className="figures__item">
        <dt>{t("lists.paymentTotals.unallocated")}</dt>
        <dd>{money(totals.unallocated)}</dd>
      </div>
    </dl>
  );
}
