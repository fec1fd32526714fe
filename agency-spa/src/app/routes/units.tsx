import { useParams } from "react-router";
import { UnitLeases } from "@/features/leases/components/UnitLeases";
import { UnitDetailPage } from "@/features/units/components/UnitDetailPage";
import { UnitsListPage } from "@/features/units/components/UnitsListPage";

/** /units */
export function UnitsRoute() {
  return <UnitsListPage />;
}

/** /units/:unitId — the unit, with its leases (leases feature) composed in. */
export function UnitDetailRoute() {
  const { unitId = "" } = useParams();
  return (
    <UnitDetailPage
      key={unitId}
      unitId={unitId}
      leases={(unit) => <UnitLeases unitId={unit.id} propertyId={unit.property_id} />}
    />
  );
}
