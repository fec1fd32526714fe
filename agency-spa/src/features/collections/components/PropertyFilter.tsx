import { useTranslation } from "react-i18next";
import { FilterSelect } from "@/components/ui/FilterSelect";
import { usePropertyFilterOptions } from "@/lib/api/lookups/property-options";

/** Narrows a report to the leases of one property. */
export function PropertyFilter({ propertyId, onChange }: { propertyId: string; onChange: (propertyId: string) => void }) {
  const { t } = useTranslation();
  const propertyOptions = usePropertyFilterOptions();
  return (
    <FilterSelect
      label={t("collections.filters.property")}
      name="property_id"
      value={propertyId}
      anyLabel={t("collections.filters.allProperties")}
      options={propertyOptions}
      onChange={onChange}
    />
  );
}
