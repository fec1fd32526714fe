import { useParams } from "react-router";
import { LeaseDetailPage } from "@/features/leases/components/LeaseDetailPage";
import { LeasesListPage } from "@/features/leases/components/LeasesListPage";
import { NewLeasePage } from "@/features/leases/components/NewLeasePage";

/** /leases */
export function LeasesRoute() {
  return <LeasesListPage />;
}

/** /leases/new (?property_id=&unit_id= or ?tenant_id= pre-select) */
export function NewLeaseRoute() {
  return <NewLeasePage />;
}

/** /leases/:leaseId */
export function LeaseDetailRoute() {
  const { leaseId = "" } = useParams();
  return <LeaseDetailPage key={leaseId} leaseId={leaseId} />;
}
