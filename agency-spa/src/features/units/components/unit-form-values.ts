import type { FieldErrors } from "@/lib/hooks/use-form-errors";
import type { Unit } from "../api/list-units";
import type { UnitUpdate } from "../api/update-unit";

export type UnitField = "name" | "bedrooms" | "notes";
export interface UnitFormValues {
  name: string;
  bedrooms: string;
  notes: string;
}
export interface UnitFormOutput {
  name: string;
  bedrooms: number | null;
  notes: string | null;
}

export const UNIT_FIELDS: readonly UnitField[] = ["name", "bedrooms", "notes"];
export const EMPTY_UNIT: UnitFormValues = { name: "", bedrooms: "", notes: "" };

/** Checks a unit's fields and turns them into what the API takes (empty optional fields: null). */
export function readUnitForm(
  values: UnitFormValues,
  messages: { required: string; bedrooms: string },
): { ok: true; unit: UnitFormOutput } | { ok: false; errors: FieldErrors<UnitField> } {
  const errors: FieldErrors<UnitField> = {};
  const name = values.name.trim();
  if (name === "") errors.name = messages.required;
  const bedroomsText = values.bedrooms.trim();
  const bedrooms = bedroomsText === "" ? null : /^\d{1,2}$/.test(bedroomsText) ? Number(bedroomsText) : Number.NaN;
  if (bedrooms !== null && (Number.isNaN(bedrooms) || bedrooms > 50)) errors.bedrooms = messages.bedrooms;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const notes = values.notes.trim();
  return { ok: true, unit: { name, bedrooms, notes: notes === "" ? null : notes } };
}

/** Only what changed is sent; emptied bedrooms or notes are cleared (null). */
export function unitChanges(before: Unit, after: UnitFormOutput): UnitUpdate {
  const changes: UnitUpdate = {};
  if (after.name !== before.name) changes.name = after.name;
  if (after.bedrooms !== before.bedrooms) changes.bedrooms = after.bedrooms;
  if (after.notes !== (before.notes === "" ? null : before.notes)) changes.notes = after.notes;
  return changes;
}
