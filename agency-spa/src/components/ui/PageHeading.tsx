import { useEffect, useRef, type ReactNode } from "react";

export interface PageHeadingProps {
  children: ReactNode;
  /** The document title's first part; defaults to the heading's text when it is a string. */
  documentTitle?: string;
  /** Appended to the document title ("… · Doorstep"). */
  appName?: string;
}

/**
 * The page's one h1. It takes focus when the page mounts, so that after a client-side navigation
 * (or a form that moved on to the new record) keyboard and screen-reader users start at the top
 * of the new page and hear its name; it also names the browser tab.
 */
export function PageHeading({ children, documentTitle, appName = "Doorstep" }: PageHeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const title = documentTitle ?? (typeof children === "string" ? children : undefined);
  useEffect(() => {
    if (title !== undefined) document.title = `${title} · ${appName}`;
  }, [title, appName]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
