import { useTranslation } from "react-i18next";
import { useLeaseLookup } from "@/lib/api/lookups/lease";
import { useTenantLookup } from "@/lib/api/lookups/tenant";
import { useSearchParamState } from "@/lib/hooks/use-search-param";
import type { ActiveFilter } from "./ActiveFilters";

export interface LeaseTenantFilters {
  /** `?lease_id=` of the address ("" for none). */
  leaseId: string;
  /** `?tenant_id=` of the address ("" for none). */
  tenantId: string;
  /** Both, named in words for {@link ActiveFilters}, each with the button that drops it. */
  filters: ActiveFilter[];
}

/**
 * The lease and tenant a money list was opened for (from a lease's or a tenant's page, as
 * `?lease_id=` / `?tenant_id=`), named in words — "Lease: Flat 1A · Residence Louise", "Tenant:
 * Tess Tenant" — each with the button that shows every lease or tenant again.
 */
export function useLeaseTenantFilters(): LeaseTenantFilters {
  const { t } = useTranslation();
  const [leaseId, setLeaseId] = useSearchParamState("lease_id");
  const [tenantId, setTenantId] = useSearchParamState("tenant_id");
  const lease = useLeaseLookup(leaseId);
  const tenant = useTenantLookup(tenantId);
  const filters: ActiveFilter[] = [];
  if (leaseId !== "") {
    const name = lease.data === undefined ? t("app.loading") : `${lease.data.unit.name} · ${lease.data.unit.property_name}`;
    filters.push({
      label: t("activeFilters.forLease", { lease: name }),
      removeLabel: t("activeFilters.allLeases"),
      onRemove: () => {
        setLeaseId("");
      },
    });
  }
  if (tenantId !== "") {
    const name = tenant.data === undefined ? t("app.loading") : `${tenant.data.first_name} ${tenant.data.last_name}`;
    filters.push({
      label: t("activeFilters.forTenant", { tenant: name }),
      removeLabel: t("activeFilters.allTenants"),
      onRemove: () => {
        setTenantId("");
      },
    });
  }
  return { leaseId, tenantId, filters };
}
