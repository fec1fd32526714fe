import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { LoadMore } from "@/components/ui/LoadMore";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { FilterSelect } from "@/components/ui/FilterSelect";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { usePropertyFilterOptions } from "@/lib/api/lookups/property-options";
import { useDebouncedSearchParam, useSearchParamState } from "@/lib/hooks/use-search-param";
import { useUnitsList } from "../api/list-units";
import { UnitsTable } from "./UnitsTable";

export function UnitsListPage() {
  const { t } = useTranslation();
  const search = useDebouncedSearchParam();
  const [propertyId, setPropertyId] = useSearchParamState("property_id");
  const propertyOptions = usePropertyFilterOptions();
  const list = useUnitsList({ propertyId, q: search.value });
  const tableRef = useRef<HTMLTableElement>(null);
  const filtered = propertyId !== "" || search.value !== "";

  return (
    <>
      <PageHeading>{t("units.title")}</PageHeading>
      <p className="muted">{t("units.intro")}</p>
      <search className="filters">
        <FilterSelect
          label={t("units.fields.property")}
          name="property_id"
          value={propertyId}
          anyLabel={t("units.allProperties")}
          options={propertyOptions}
          onChange={setPropertyId}
        />
        <TextField
          label={t("units.search")}
          hint={t("units.searchHint")}
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
        <p className="empty">{filtered ? t("units.noMatch") : t("units.empty")}</p>
      ) : (
        <>
          <UnitsTable ref={tableRef} units={list.items} caption={t("units.title")} busy={list.isPlaceholderData} />
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
