import { useRef, type Ref } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { FilterSelect } from "@/components/ui/FilterSelect";
import { LoadMore } from "@/components/ui/LoadMore";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { usePropertyFilterOptions } from "@/lib/api/lookups/property-options";
import { useDateFormat } from "@/lib/format/use-date-format";
import { useNow } from "@/lib/hooks/use-now";
import { useDebouncedSearchParam, useSearchParamState } from "@/lib/hooks/use-search-param";
import {
  INCIDENT_CATEGORIES,
  INCIDENT_STATUSES,
  useIncidents,
  type Incident,
  type IncidentCategory,
  type IncidentsParams,
} from "../api/incidents";
import { IncidentStatusBadge, PriorityLabel, WaitedLabel } from "./IncidentBadges";
import { isOpen } from "./triage";

function statusFilter(value: string): IncidentsParams["status"] {
  if (value === "") return "open";
  if (value === "all") return "";
  return (INCIDENT_STATUSES as readonly string[]).includes(value) ? (value as IncidentsParams["status"]) : "open";
}

function categoryFilter(value: string): IncidentCategory | "" {
  return (INCIDENT_CATEGORIES as readonly string[]).includes(value) ? (value as IncidentCategory) : "";
}

function IncidentsTable({ incidents, busy, ref }: { incidents: Incident[]; busy: boolean; ref: Ref<HTMLTableElement> }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const now = useNow();
  return (
    <div className="table-scroll">
      <table ref={ref} className="table" aria-busy={busy || undefined}>
        <caption className="visually-hidden">{t("incidents.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("incidents.fields.title")}</th>
            <th scope="col">{t("incidents.fields.reportedAt")}</th>
            <th scope="col">{t("incidents.fields.waiting")}</th>
            <th scope="col">{t("incidents.fields.tenant")}</th>
            <th scope="col">{t("incidents.fields.home")}</th>
            <th scope="col">{t("incidents.fields.category")}</th>
            <th scope="col">{t("incidents.fields.priority")}</th>
            <th scope="col">{t("incidents.fields.contractor")}</th>
            <th scope="col">{t("incidents.fields.status")}</th>
          </tr>
        </thead>
        <tbody>
          {incidents.map((incident) => (
            <tr key={incident.id}>
              <th scope="row">
                <Link
                  to={`/incidents/${incident.id}`}
                  aria-label={t("incidents.rowLabel", { title: incident.title, tenant: incident.tenant_name, date: dates.date(incident.reported_at) })}
                >
                  {incident.title}
                </Link>
              </th>
              <td>{dates.instant(incident.reported_at)}</td>
              <td>
                <WaitedLabel incident={incident} now={now} />
              </td>
              <td>
                <Link to={`/tenants/${incident.tenant_id}`}>{incident.tenant_name}</Link>
              </td>
              <td>
                <Link to={`/leases/${incident.lease_id}`}>
                  {incident.unit_name} · {incident.property_name}
                </Link>
              </td>
              <td>{t(`incidents.category.${incident.category}`)}</td>
              <td>
                <PriorityLabel priority={incident.priority} />
              </td>
              <td>{incident.contractor_name ?? t("incidents.none")}</td>
              <td>
                <IncidentStatusBadge status={incident.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The open queue (or one open status) is a triage view; finished ones are looked up newest first. */
function sortFor(status: IncidentsParams["status"]): "triage" | "newest" {
  return status === "open" || (status !== "" && isOpen(status)) ? "triage" : "newest";
}

/**
 * /incidents?status=&category=&property_id=&q=: what tenants reported. By default the open ones —
 * what still needs someone to act — most pressing priority first, then the longest waiting, each
 * with how long it has waited and whether that is longer than its priority allows.
 */
export function IncidentsPage() {
  const { t } = useTranslation();
  const [statusParam, setStatus] = useSearchParamState("status");
  const [categoryParam, setCategory] = useSearchParamState("category");
  const [propertyId, setPropertyId] = useSearchParamState("property_id");
  const search = useDebouncedSearchParam("q");
  const properties = usePropertyFilterOptions();
  const status = statusFilter(statusParam);
  const sort = sortFor(status);
  const list = useIncidents({ status, category: categoryFilter(categoryParam), propertyId, q: search.value, sort });
  const tableRef = useRef<HTMLTableElement>(null);

  return (
    <>
      <div className="page-header">
        <PageHeading>{t("incidents.title")}</PageHeading>
        <Link className="button button--secondary" to="/contractors">
          {t("contractors.title")}
        </Link>
      </div>
      <p className="muted">{t("incidents.intro")}</p>
      {sort === "triage" && <p className="muted">{t("incidents.queueIntro")}</p>}
      <search className="filters" aria-label={t("incidents.filters.label")}>
        <TextField
          label={t("incidents.filters.search")}
          hint={t("incidents.filters.searchHint")}
          name="q"
          type="search"
          value={search.input}
          onChange={(event) => {
            search.setInput(event.target.value);
          }}
        />
        <FilterSelect
          label={t("incidents.filters.status")}
          name="status"
          value={status === "open" ? "" : status === "" ? "all" : status}
          anyLabel={t("incidents.filters.open")}
          options={[...INCIDENT_STATUSES.map((value) => ({ value, label: t(`incidents.status.${value}`) })), { value: "all", label: t("incidents.filters.allStatuses") }]}
          onChange={setStatus}
        />
        <FilterSelect
          label={t("incidents.filters.category")}
          name="category"
          value={categoryParam}
          anyLabel={t("incidents.filters.allCategories")}
          options={INCIDENT_CATEGORIES.map((value) => ({ value, label: t(`incidents.category.${value}`) }))}
          onChange={setCategory}
        />
        <FilterSelect
          label={t("incidents.filters.property")}
          name="property_id"
          value={propertyId}
          anyLabel={t("incidents.filters.allProperties")}
          options={properties}
          onChange={setPropertyId}
        />
      </search>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={list.refetch} />
      ) : list.items.length === 0 ? (
        <p className="empty">{t("incidents.empty")}</p>
      ) : (
        <>
          <IncidentsTable ref={tableRef} incidents={list.items} busy={list.isPlaceholderData} />
          <LoadMore shown={list.items.length} hasMore={list.hasMore} busy={list.isLoadingMore} onLoadMore={list.loadMore} tableRef={tableRef} />
        </>
      )}
    </>
  );
}
