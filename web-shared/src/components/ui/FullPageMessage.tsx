import type { ReactNode } from "react";

export interface FullPageMessageProps {
  title: string;
  children?: ReactNode;
  /** Busy pages (loading) are announced as such to assistive technology. */
  busy?: boolean;
}

export function FullPageMessage({ title, children, busy = false }: FullPageMessageProps) {
  return (
    <main className="full-page" aria-busy={busy || undefined}>
      <div className="full-page__card">
        {busy && <span className="spinner" aria-hidden="true" />}
        <h1 className="full-page__title">{title}</h1>
        {children}
      </div>
    </main>
  );
}
