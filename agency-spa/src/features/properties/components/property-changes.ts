import type { Property } from "../api/list-properties";
import type { PropertyUpdate } from "../api/update-property";
import type { PropertyFormValues } from "./PropertyForm";

/** Only what changed is sent; an emptied second address line is cleared (null). */
export function propertyChanges(before: Property, after: PropertyFormValues): PropertyUpdate {
  const changes: PropertyUpdate = {};
  if (after.name !== before.name) changes.name = after.name;
  if (after.address_line1 !== before.address_line1) changes.address_line1 = after.address_line1;
  if (after.address_line2 !== (before.address_line2 ?? "")) changes.address_line2 = after.address_line2 === "" ? null : after.address_line2;
  if (after.postal_code !== before.postal_code) changes.postal_code = after.postal_code;
  if (after.city !== before.city) changes.city = after.city;
  if (after.country !== before.country) changes.country = after.country;
  return changes;
}
