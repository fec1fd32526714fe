import type { ComponentPropsWithRef } from "react";
import { Field } from "./Field";

export interface TextFieldProps extends Omit<ComponentPropsWithRef<"input">, "id"> {
  label: string;
  name: string;
  /** Shown under the input, announced with it, and marks the input invalid. */
  error?: string | undefined;
  hint?: string;
}

/** A labelled input whose hint and error are tied to it with aria-describedby. */
export function TextField({ label, error, hint, className, ...inputProps }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(control) => <input {...inputProps} {...control} className="field__input" />}
    </Field>
  );
}
