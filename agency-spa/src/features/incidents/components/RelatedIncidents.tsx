import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LoadMore } from "@/components/ui/LoadMore";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useDateFormat } from "@/lib/format/use-date-format";
import { useIncidents } from "../api/incidents";
import { IncidentStatusBadge, PriorityLabel } from "./IncidentBadges";
import { isOpen, openFirst } from "./triage";

export type RelatedIncidentsScope = { leaseId: string } | { tenantId: string; tenantName: string };

/**
 * The incidents reported on one lease, or by one tenant (GET /incidents?lease_id= / ?tenant_id=),
 * open ones first, each linking to its page: shown on the lease's and the tenant's pages.
 */
export function RelatedIncidents({ scope }: { scope: RelatedIncidentsScope }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const tableRef = useRef<HTMLTableElement>(null);
  const byLease = "leaseId" in scope;
  const list = useIncidents({
    status: "",
    category: "",
    propertyId: "",
    q: "",
    ...(byLease ? { leaseId: scope.leaseId } : { tenantId: scope.tenantId }),
  });
  const incidents = openFirst(list.items);
  const openCount = incidents.filter((incident) => isOpen(incident.status)).length;
  const headingId = byLease ? "lease-incidents-heading" : "tenant-incidents-heading";
  const caption = byLease ? t("incidents.related.ofLease") : t("incidents.related.ofTenant", { name: scope.tenantName });

  return (
    <section aria-labelledby={headingId} className="section">
      <div className="section-header">
        <h2 id={headingId}>
          {t("incidents.related.title")}
          {!list.isPending && !list.isError && incidents.length > 0 && (
            <span className="muted"> ({t("incidents.related.openCount", { count: openCount })})</span>
          )}
        </h2>
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={list.refetch} />
      ) : incidents.length === 0 ? (
        <p className="empty">{byLease ? t("incidents.related.emptyLease") : t("incidents.related.emptyTenant", { name: scope.tenantName })}</p>
      ) : (
        <>
          <div className="table-scroll">
            <table ref={tableRef} className="table" aria-busy={list.isPlaceholderData || undefined}>
              <caption className="visually-hidden">{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("incidents.fields.title")}</th>
                  <th scope="col">{t("incidents.fields.status")}</th>
                  <th scope="col">{t("incidents.fields.category")}</th>
                  <th scope="col">{t("incidents.fields.priority")}</th>
                  <th scope="col">{t("incidents.fields.reportedAt")}</th>
                  {byLease ? <th scope="col">{t("incidents.fields.tenant")}</th> : <th scope="col">{t("incidents.fields.home")}</th>}
                </tr>
              </thead>
              <tbody>
                {incidents.map((incident) => (
                  <tr key={incident.id}>
                    <th scope="row">
                      <Link to={`/incidents/${incident.id}`}>{incident.title}</Link>
                    </th>
                    <td>
                      <IncidentStatusBadge status={incident.status} />
                    </td>
                    <td>{t(`incidents.category.${incident.category}`)}</td>
                    <td>
                      <PriorityLabel priority={incident.priority} />
                    </td>
                    <td>{dates.date(incident.reported_at)}</td>
                    <td>
                      {byLease ? (
                        <Link to={`/tenants/${incident.tenant_id}`}>{incident.tenant_name}</Link>
                      ) : (
                        <Link to={`/leases/${incident.lease_id}`}>
                          {incident.unit_name} · {incident.property_name}
                        </Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore shown={list.items.length} hasMore={list.hasMore} busy={list.isLoadingMore} onLoadMore={list.loadMore} tableRef={tableRef} />
        </>
      )}
    </section>
  );
}
