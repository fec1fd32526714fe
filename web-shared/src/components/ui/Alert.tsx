import type { ReactNode } from "react";

export interface AlertProps {
  tone?: "error" | "info" | "warning";
  children: ReactNode;
}

/** Errors are announced at once (role=alert); information politely (role=status). */
export function Alert({ tone = "error", children }: AlertProps) {
  return (
    <div className={`alert alert--${tone}`} role={tone === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}
