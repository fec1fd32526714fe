import { useTranslation } from "react-i18next";
import { SelectField } from "@/components/ui/SelectField";
import { usePropertyOptions } from "@/lib/api/lookups/property-options";

/** Narrows a report to the leases of one property. */
export function PropertyFilter({ propertyId, onChange }: { propertyId: string; onChange: (propertyId: string) => void }) {
  const { t } = useTranslation();
  const properties = usePropertyOptions();
  return (
    <SelectField
      label={t("collections.filters.property")}
      name="property_id"
      value={propertyId}
      onChange={(event) => {
        onChange(event.target.value);
      }}
    >
      <option value="">{t("collections.filters.allProperties")}</option>
      {properties.data?.items.map((property) => (
        <option key={property.id} value={property.id}>
          {property.name}
        </option>
      ))}
    </SelectField>
  );
}
