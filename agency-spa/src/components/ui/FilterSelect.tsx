import { SelectField } from "./SelectField";

export interface FilterOption {
  value: string;
  label: string;
}

export interface FilterSelectProps {
  label: string;
  name: string;
  /** "" while the list is not filtered by this. */
  value: string;
  /** The first option, which shows everything ("All statuses"). */
  anyLabel: string;
  options: readonly FilterOption[];
  onChange: (value: string) => void;
}

/** One filter of a list: a select whose first option lifts the filter. */
export function FilterSelect({ label, name, value, anyLabel, options, onChange }: FilterSelectProps) {
  return (
    <SelectField
      label={label}
      name={name}
      value={value}
      onChange={(event) => {
        onChange(event.target.value);
      }}
    >
      <option value="">{anyLabel}</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </SelectField>
  );
}
