import type { ComponentPropsWithRef } from "react";

type Variant = "primary" | "secondary" | "danger" | "link";

export interface ButtonProps extends ComponentPropsWithRef<"button"> {
  variant?: Variant;
  /** Shows `busyLabel` and disables the button while an action runs. */
  busy?: boolean;
  busyLabel?: string;
}

export function Button({
  variant = "primary",
  busy = false,
  busyLabel,
  disabled,
  className,
  children,
  type = "button",
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={["button", `button--${variant}`, className].filter(Boolean).join(" ")}
      disabled={disabled === true || busy}
      aria-busy={busy || undefined}
    >
      {busy && busyLabel !== undefined ? busyLabel : children}
    </button>
  );
}
