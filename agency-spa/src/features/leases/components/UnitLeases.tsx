import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LoadMore } from "@/components/ui/LoadMore";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useRole } from "@/lib/auth/permissions";
import { useLeasesList } from "../api/list-leases";
import { LeasesTable } from "./LeasesTable";

/** A unit's leases (GET /leases?unit_id=), newest first, and a way to start a new one. */
export function UnitLeases({ unitId, propertyId }: { unitId: string; propertyId: string }) {
  const { t } = useTranslation();
  const { can } = useRole();
  const list = useLeasesList({ unitId });
  const tableRef = useRef<HTMLTableElement>(null);

  return (
    <section aria-labelledby="unit-leases-heading" className="section">
      <div className="section-header">
        <h2 id="unit-leases-heading">{t("leases.title")}</h2>
        {can("leases:write") && (
          <Link className="button button--secondary" to={`/leases/new?property_id=${propertyId}&unit_id=${unitId}`}>
            {t("leases.newForUnit")}
          </Link>
        )}
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={list.refetch} />
      ) : list.items.length === 0 ? (
        <p className="empty">{t("leases.emptyUnit")}</p>
      ) : (
        <>
          <LeasesTable ref={tableRef} leases={list.items} caption={t("leases.ofUnit")} />
          <LoadMore
            shown={list.items.length}
            hasMore={list.hasMore}
            busy={list.isLoadingMore}
            onLoadMore={list.loadMore}
            tableRef={tableRef}
          />
        </>
      )}
    </section>
  );
}
