import { Field } from "@doorstep/web-shared/components/ui/Field";
import type { InputHTMLAttributes } from "react";

export interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "type"> {
  label: string;
  name: string;
  hint?: string;
  error?: string | undefined;
}

/** A checkbox with its label beside it; the hint explains what ticking it means. */
export function CheckboxField({ label, hint, error, className, ...inputProps }: CheckboxFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} className={className} layout="checkbox">
      {(control) => <input {...inputProps} type="checkbox" {...control} />}
    </Field>
  );
}
