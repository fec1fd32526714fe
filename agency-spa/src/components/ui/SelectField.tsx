import { Field } from "@doorstep/web-shared/components/ui/Field";
import type { ReactNode, SelectHTMLAttributes } from "react";

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> {
  label: string;
  name: string;
  /** Shown under the select, announced with it, and marks it invalid. */
  error?: string | undefined;
  hint?: ReactNode;
  children: ReactNode;
}

/** A labelled select whose hint and error are tied to it with aria-describedby. */
export function SelectField({ label, error, hint, className, children, ...selectProps }: SelectFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(control) => (
        <select {...selectProps} {...control} className="field__input">
          {children}
        </select>
      )}
    </Field>
  );
}
