import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LoadMore } from "@/components/ui/LoadMore";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { FilterSelect } from "@/components/ui/FilterSelect";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { usePropertyFilterOptions } from "@/lib/api/lookups/property-options";
import { useRole } from "@/lib/auth/permissions";
import { useDebouncedSearchParam, useSearchParamState } from "@/lib/hooks/use-search-param";
import { useLeasesList, type LeaseStatus } from "../api/list-leases";
import { LeasesTable } from "./LeasesTable";

const STATUSES: readonly LeaseStatus[] = ["draft", "active", "ended", "cancelled"];

export function LeasesListPage() {
  const { t } = useTranslation();
  const { can } = useRole();
  const search = useDebouncedSearchParam();
  const [statusParam, setStatus] = useSearchParamState("status");
  const [propertyId, setPropertyId] = useSearchParamState("property_id");
  const status = STATUSES.find((value) => value === statusParam);
  const propertyOptions = usePropertyFilterOptions();
  const list = useLeasesList({ status, propertyId, q: search.value });
  const tableRef = useRef<HTMLTableElement>(null);
  const filtered = status !== undefined || propertyId !== "" || search.value !== "";

  return (
    <>
      <div className="page-header">
        <PageHeading>{t("leases.title")}</PageHeading>
        {can("leases:write") && (
          <Link className="button button--primary" to="/leases/new">
            {t("leases.new")}
          </Link>
        )}
      </div>
      <search className="filters">
        <FilterSelect
          label={t("leases.fields.status")}
          name="status"
          value={status ?? ""}
          anyLabel={t("leases.allStatuses")}
          options={STATUSES.map((value) => ({ value, label: t(`leases.status.${value}`) }))}
          onChange={setStatus}
        />
        <FilterSelect
          label={t("leases.fields.property")}
          name="property_id"
          value={propertyId}
          anyLabel={t("leases.allProperties")}
          options={propertyOptions}
          onChange={setPropertyId}
        />
        <TextField
          label={t("leases.search")}
          hint={t("leases.searchHint")}
          name="q"
          type="search"
          value={search.input}
          onChange={(event) => {
            search.setInput(event.target.value);
          }}
        />
      </search>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={list.refetch} />
      ) : list.items.length === 0 ? (
        <p className="empty">{filtered ? t("leases.noMatch") : t("leases.empty")}</p>
      ) : (
        <>
          <LeasesTable ref={tableRef} leases={list.items} caption={t("leases.title")} busy={list.isPlaceholderData} />
          <LoadMore
            shown={list.items.length}
            hasMore={list.hasMore}
            busy={list.isLoadingMore}
            onLoadMore={list.loadMore}
            tableRef={tableRef}
          />
        </>
      )}
    </>
  );
}
