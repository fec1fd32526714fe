import type { ReactNode } from "react";

export interface RadioOptionProps {
  /** The group's name, shared by its options. */
  name: string;
  value: string;
  checked: boolean;
  onSelect: () => void;
  children: ReactNode;
}

/** One answer of a radio group, its label around it so the whole text is the click target. */
export function RadioOption({ name, value, checked, onSelect, children }: RadioOptionProps) {
  return (
    <label className="choice__option">
      <input type="radio" name={name} value={value} checked={checked} onChange={onSelect} /> {children}
    </label>
  );
}
