import { useParams } from "react-router";
import { RelatedIncidents } from "@/features/incidents/components/RelatedIncidents";
import { TenantLeases } from "@/features/leases/components/TenantLeases";
import { TenantTasks } from "@/features/onboarding/components/TenantTasks";
import { TenantMoney } from "@/features/payments/components/TenantMoney";
import { PendingProofs } from "@/features/transfer-proofs/components/PendingProofs";
import { NewTenantPage } from "@/features/tenants/components/NewTenantPage";
import { TenantDetailPage } from "@/features/tenants/components/TenantDetailPage";
import { TenantsListPage } from "@/features/tenants/components/TenantsListPage";

/** /tenants */
export function TenantsRoute() {
  return <TenantsListPage />;
}

/** /tenants/new */
export function NewTenantRoute() {
  return <NewTenantPage />;
}

/** /tenants/:tenantId — contact details, with every lease of the tenant (leases feature), their transfer proofs waiting for review, their balances, the tasks given to them (onboarding feature) and the incidents they reported (incidents feature) composed in. */
export function TenantDetailRoute() {
  const { tenantId = "" } = useParams();
  return (
    <TenantDetailPage
      key={tenantId}
      tenantId={tenantId}
      leases={(tenant) => (
        <>
          <TenantLeases tenantId={tenant.id} tenantName={`${tenant.first_name} ${tenant.last_name}`} />
          <PendingProofs scope={{ tenantId: tenant.id }} />
          <TenantMoney tenantId={tenant.id} tenantName={`${tenant.first_name} ${tenant.last_name}`} />
          <TenantTasks tenantId={tenant.id} tenantName={`${tenant.first_name} ${tenant.last_name}`} hasPortalAccount={tenant.has_portal_account} />
          <RelatedIncidents scope={{ tenantId: tenant.id, tenantName: `${tenant.first_name} ${tenant.last_name}` }} />
        </>
      )}
    />
  );
}
