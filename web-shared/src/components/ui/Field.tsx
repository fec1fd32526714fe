import { useId, type ReactNode } from "react";

/** What a form control needs to be tied to its label, hint and error. */
export interface FieldControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

export interface FieldProps {
  label: string;
  /** Shown with the field and announced with its control. */
  hint?: ReactNode;
  /** Shown under the control, announced with it, and marks it invalid. */
  error?: string | undefined;
  className?: string | undefined;
  /** "stacked": label, hint, control, error. "checkbox": the control with its label beside it, then hint and error. */
  layout?: "stacked" | "checkbox";
  /** Renders the control; spread `control` on it (its id and ARIA attributes). */
  children: (control: FieldControlProps) => ReactNode;
}

/**
 * The frame of every form field (TextField and the app's own selects, text areas, checkboxes): a
 * label for the control, and its hint and error tied to it with aria-describedby.
 */
export function Field({ label, hint, error, className, layout = "stacked", children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint !== undefined ? hintId : null, error !== undefined ? errorId : null]
    .filter(Boolean)
    .join(" ");
  const control = children({
    id,
    "aria-invalid": error !== undefined || undefined,
    "aria-describedby": describedBy === "" ? undefined : describedBy,
  });
  const labelElement = (
    <label className="field__label" htmlFor={id}>
      {label}
    </label>
  );
  const hintElement = hint !== undefined && (
    <p className="field__hint" id={hintId}>
      {hint}
    </p>
  );
  return (
    <div className={["field", layout === "checkbox" ? "field--checkbox" : null, className].filter(Boolean).join(" ")}>
      {layout === "checkbox" ? (
        <>
          <div className="field__checkbox-row">
            {control}
            {labelElement}
          </div>
          {hintElement}
        </>
      ) : (
        <>
          {labelElement}
          {hintElement}
          {control}
        </>
      )}
      {error !== undefined && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
