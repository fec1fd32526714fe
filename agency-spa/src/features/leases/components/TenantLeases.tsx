import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { LoadMore } from "@/components/ui/LoadMore";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useRole } from "@/lib/auth/permissions";
import { useLeasesList, type Lease } from "../api/list-leases";
import { LeasesTable } from "./LeasesTable";

/** Leases that are (or may become) live, as opposed to kept records. */
function openLeases(leases: readonly Lease[]): Lease[] {
  return leases.filter((lease) => lease.status === "draft" || lease.status === "active");
}

/**
 * Every lease the tenant is party to (GET /leases?tenant_id=), drafts and past ones included,
 * each with its unit, property and address. Seed 000: when a tenant is on more than one lease,
 * staff must confirm which lease they mean before recording a payment or a note, so that case is
 * called out above the table.
 */
export function TenantLeases({ tenantId, tenantName }: { tenantId: string; tenantName: string }) {
  const { t } = useTranslation();
  const { can } = useRole();
  const list = useLeasesList({ tenantId });
  const tableRef = useRef<HTMLTableElement>(null);
  const open = openLeases(list.items);

  return (
    <section aria-labelledby="tenant-leases-heading" className="section">
      <div className="section-header">
        <h2 id="tenant-leases-heading">
          {t("leases.title")}
          {!list.isPending && !list.isError && (
            <span className="muted"> ({list.hasMore ? `${list.items.length}+` : list.items.length})</span>
          )}
        </h2>
        {can("leases:write") && (
          <Link className="button button--secondary" to={`/leases/new?tenant_id=${tenantId}`}>
            {t("leases.newForTenant")}
          </Link>
        )}
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={list.refetch} />
      ) : list.items.length === 0 ? (
        <p className="empty">{t("leases.emptyTenant")}</p>
      ) : (
        <>
          {list.items.length > 1 && (
            <Alert tone="warning">
              {t("leases.severalLeases", { name: tenantName, count: list.items.length, open: open.length })}
            </Alert>
          )}
          <LeasesTable
            ref={tableRef}
            leases={list.items}
            caption={t("leases.ofTenant", { name: tenantName })}
            showTenants
          />
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
