import { useTranslation } from "react-i18next";

/**
 * What a page shows while its code is still on the way (routes are loaded when first visited):
 * announced politely to assistive technology, inside the shell that stays in place.
 */
export function RouteLoading() {
  const { t } = useTranslation();
  return (
    <div className="route-loading" role="status" aria-live="polite" aria-busy="true">
      <span className="spinner" aria-hidden="true" />
      <span>{t("app.loading")}</span>
    </div>
  );
}
