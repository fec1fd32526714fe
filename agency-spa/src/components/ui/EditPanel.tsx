import { useEffect, useId, useRef, type ReactNode } from "react";

/**
 * A titled panel holding an edit form that replaced a record's read-only view. It takes the
 * focus to its first field when it opens, since the button that opened it is gone.
 */
export function EditPanel({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>("input, select, textarea")?.focus();
  }, []);
  return (
    <section ref={ref} aria-labelledby={headingId} className="card">
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}
