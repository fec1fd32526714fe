import { useId, type ReactNode, type SelectHTMLAttributes } from "react";

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
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint !== undefined ? hintId : null, error !== undefined ? errorId : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={["field", className].filter(Boolean).join(" ")}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint !== undefined && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <select
        {...selectProps}
        id={id}
        className="field__input"
        aria-invalid={error !== undefined || undefined}
        aria-describedby={describedBy === "" ? undefined : describedBy}
      >
        {children}
      </select>
      {error !== undefined && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
