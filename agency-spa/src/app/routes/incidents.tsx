import { useParams } from "react-router";
import { ContractorsPage } from "@/features/incidents/components/ContractorsPage";
import { IncidentDetailPage } from "@/features/incidents/components/IncidentDetailPage";
import { IncidentsPage } from "@/features/incidents/components/IncidentsPage";

/** /incidents (?status=open by default|reported|…|all&category=&property_id=&q=) */
export function IncidentsRoute() {
  return <IncidentsPage />;
}

/** /incidents/:incidentId */
export function IncidentDetailRoute() {
  const { incidentId = "" } = useParams();
  return <IncidentDetailPage key={incidentId} incidentId={incidentId} />;
}

/** /contractors */
export function ContractorsRoute() {
  return <ContractorsPage />;
}
