import { Field } from "@doorstep/web-shared/components/ui/Field";
import type { TextareaHTMLAttributes } from "react";

export interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> {
  label: string;
  name: string;
  error?: string | undefined;
  hint?: string;
}

/** A labelled multi-line input, with hint and error tied to it like TextField. */
export function TextAreaField({ label, error, hint, className, ...textareaProps }: TextAreaFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(control) => <textarea rows={3} {...textareaProps} {...control} className="field__input field__textarea" />}
    </Field>
  );
}
