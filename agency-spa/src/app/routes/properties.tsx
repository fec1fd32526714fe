import { useParams } from "react-router";
import { NewPropertyPage } from "@/features/properties/components/NewPropertyPage";
import { PropertiesListPage } from "@/features/properties/components/PropertiesListPage";
import { PropertyDetailPage } from "@/features/properties/components/PropertyDetailPage";
import { PropertyUnits } from "@/features/units/components/PropertyUnits";

/** /properties */
export function PropertiesRoute() {
  return <PropertiesListPage />;
}

/** /properties/new */
export function NewPropertyRoute() {
  return <NewPropertyPage />;
}

/** /properties/:propertyId — the property, with its units (units feature) composed in. */
export function PropertyDetailRoute() {
  const { propertyId = "" } = useParams();
  // key: a different property is a new page (fresh edit state, focus on its heading).
  return <PropertyDetailPage key={propertyId} propertyId={propertyId} units={<PropertyUnits propertyId={propertyId} />} />;
}
