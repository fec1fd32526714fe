import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** "<page> · Doorstep" in the tab, the task switcher and for screen readers on navigation. */
export function useDocumentTitle(page: string | undefined): void {
  const { t } = useTranslation();
  const app = t("app.name");
  useEffect(() => {
    document.title = page === undefined || page === "" ? app : `${page} · ${app}`;
  }, [page, app]);
}
