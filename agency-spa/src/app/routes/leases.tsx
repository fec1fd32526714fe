import { useParams } from "react-router";
import { LeaseDocuments } from "@/features/documents/components/LeaseDocuments";
import { RelatedIncidents } from "@/features/incidents/components/RelatedIncidents";
import { LeaseDetailPage } from "@/features/leases/components/LeaseDetailPage";
import { LeasesListPage } from "@/features/leases/components/LeasesListPage";
import { NewLeasePage } from "@/features/leases/components/NewLeasePage";
import { LeaseMoney } from "@/features/payments/components/LeaseMoney";
import { PendingProofs } from "@/features/transfer-proofs/components/PendingProofs";

/** /leases */
export function LeasesRoute() {
  return <LeasesListPage />;
}

/** /leases/new (?property_id=&unit_id= or ?tenant_id= pre-select) */
export function NewLeaseRoute() {
  return <NewLeasePage />;
}

/**
 * /leases/:leaseId — the lease, with the transfers its tenants say they made and nobody has
 * reviewed yet (transfer-proofs feature), its balance and the way to its invoices and payments
 * (payments feature) and the incidents reported on it (incidents feature) composed in; a draft
 * lease has none of these.
 */
export function LeaseDetailRoute() {
  const { leaseId = "" } = useParams();
  return (
    <LeaseDetailPage
      key={leaseId}
      leaseId={leaseId}
      money={(lease) => (
        <>
          {lease.status !== "draft" && (
            <>
              <PendingProofs scope={{ leaseId: lease.id }} />
              <LeaseMoney leaseId={lease.id} takesPayments={lease.status === "active" || lease.status === "ended"} />
              <RelatedIncidents scope={{ leaseId: lease.id }} />
            </>
          )}
          {lease.status !== "cancelled" && <LeaseDocuments leaseId={lease.id} />}
        </>
      )}
    />
  );
}
