import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LoadMore } from "@/components/ui/LoadMore";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { FilterSelect } from "@/components/ui/FilterSelect";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { useRole } from "@/lib/auth/permissions";
import { useDebouncedSearchParam, useSearchParamState } from "@/lib/hooks/use-search-param";
import { useTenantsList } from "../api/list-tenants";

const PORTAL_FILTERS = { yes: true, no: false } as const;

export function TenantsListPage() {
  const { t } = useTranslation();
  const { can } = useRole();
  const search = useDebouncedSearchParam();
  const [portal, setPortal] = useSearchParamState("portal");
  const hasPortalAccount = portal === "yes" || portal === "no" ? PORTAL_FILTERS[portal] : undefined;
  const list = useTenantsList({ q: search.value, hasPortalAccount });
  const tableRef = useRef<HTMLTableElement>(null);
  const filtered = search.value !== "" || hasPortalAccount !== undefined;

  return (
    <>
      <div className="page-header">
        <PageHeading>{t("tenants.title")}</PageHeading>
        {can("tenants:write") && (
          <Link className="button button--primary" to="/tenants/new">
            {t("tenants.new")}
          </Link>
        )}
      </div>
      <search className="filters">
        <TextField
          label={t("tenants.search")}
          hint={t("tenants.searchHint")}
          name="q"
          type="search"
          value={search.input}
          onChange={(event) => {
            search.setInput(event.target.value);
          }}
        />
        <FilterSelect
          label={t("tenants.portalFilter")}
          name="portal"
          value={hasPortalAccount === undefined ? "" : portal}
          anyLabel={t("tenants.portalAny")}
          options={[{ value: "yes", label: t("tenants.portalYes") }, { value: "no", label: t("tenants.portalNo") }]}
          onChange={setPortal}
        />
      </search>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={list.refetch} />
      ) : list.items.length === 0 ? (
        <p className="empty">{filtered ? t("tenants.noMatch") : t("tenants.empty")}</p>
      ) : (
        <>
          <div className="table-scroll">
            <table ref={tableRef} className="table" aria-busy={list.isPlaceholderData || undefined}>
              <caption className="visually-hidden">{t("tenants.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("tenants.fields.name")}</th>
                  <th scope="col">{t("tenants.fields.email")}</th>
                  <th scope="col">{t("tenants.fields.phone")}</th>
                  <th scope="col">{t("tenants.fields.portalAccount")}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((tenant) => (
                  <tr key={tenant.id}>
                    <th scope="row">
                      <Link to={`/tenants/${tenant.id}`}>
                        {tenant.first_name} {tenant.last_name}
                      </Link>
                    </th>
                    <td>{tenant.email}</td>
                    <td>{tenant.phone_display ?? tenant.phone ?? <span className="muted">{t("common.notSet")}</span>}</td>
                    <td>{tenant.has_portal_account ? t("common.yes") : t("common.no")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
