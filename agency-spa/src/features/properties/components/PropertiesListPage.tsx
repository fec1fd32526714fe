import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LoadMore } from "@/components/ui/LoadMore";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { useRole } from "@/lib/auth/permissions";
import { countryName } from "@/lib/format/countries";
import { useDebouncedSearchParam } from "@/lib/hooks/use-search-param";
import { useLocale } from "@/lib/i18n/use-locale";
import { usePropertiesList } from "../api/list-properties";

export function PropertiesListPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { can } = useRole();
  const search = useDebouncedSearchParam();
  const list = usePropertiesList({ q: search.value });
  const tableRef = useRef<HTMLTableElement>(null);

  return (
    <>
      <div className="page-header">
        <PageHeading>{t("properties.title")}</PageHeading>
        {can("properties:write") && (
          <Link className="button button--primary" to="/properties/new">
            {t("properties.new")}
          </Link>
        )}
      </div>
      <search className="filters">
        <TextField
          label={t("properties.search")}
          hint={t("properties.searchHint")}
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
        <p className="empty">{search.value === "" ? t("properties.empty") : t("list.noMatch", { query: search.value })}</p>
      ) : (
        <>
          <div className="table-scroll">
            <table ref={tableRef} className="table" aria-busy={list.isPlaceholderData || undefined}>
              <caption className="visually-hidden">{t("properties.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("properties.fields.name")}</th>
                  <th scope="col">{t("properties.address")}</th>
                  <th scope="col" className="table__number">
                    {t("properties.unitCount")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((property) => (
                  <tr key={property.id}>
                    <th scope="row">
                      <Link to={`/properties/${property.id}`}>{property.name}</Link>
                    </th>
                    <td>
                      {[property.address_line1, property.address_line2, `${property.postal_code} ${property.city}`]
                        .filter(Boolean)
                        .join(", ")}
                      {property.country !== "" && <span className="muted"> · {countryName(property.country, locale)}</span>}
                    </td>
                    <td className="table__number">{property.unit_count}</td>
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
