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
import { useSearchParamState } from "@/lib/hooks/use-search-param";
import { PAYMENT_METHODS, PAYMENT_STATUSES, usePaymentsList } from "../api/list-payments";
import { PaymentsTable } from "./PaymentsTable";

/** /payments, filtered by method and status, and (from a lease's or tenant's page) ?lease_id= / ?tenant_id=. */
export function PaymentsListPage() {
  const { t } = useTranslation();
  const { can } = useRole();
  const [methodParam, setMethod] = useSearchParamState("method");
  const [statusParam, setStatus] = useSearchParamState("status");
  const { leaseId, tenantId, filters: fromAddress } = useLeaseTenantFilters();
  const method = PAYMENT_METHODS.find((value) => value === methodParam);
  const status = PAYMENT_STATUSES.find((value) => value === statusParam);
  const list = usePaymentsList({ method, status, leaseId, tenantId });
  const tableRef = useRef<HTMLTableElement>(null);
  const filtered = method !== undefined || status !== undefined || leaseId !== "" || tenantId !== "";

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
      </search>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={list.refetch} />
      ) : list.items.length === 0 ? (
        <p className="empty">{filtered ? t("payments.noMatch") : t("payments.empty")}</p>
      ) : (
        <>
          <PaymentsTable ref={tableRef} payments={list.items} caption={t("payments.title")} busy={list.isPlaceholderData} />
          <LoadMore shown={list.items.length} hasMore={list.hasMore} busy={list.isLoadingMore} onLoadMore={list.loadMore} tableRef={tableRef} />
        </>
      )}
    </>
  );
}
