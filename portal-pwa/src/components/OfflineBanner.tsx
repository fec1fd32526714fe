import { useTranslation } from "react-i18next";
import { useReadOnly } from "@/lib/offline";

/** Tells the tenant they are looking at saved data and that changes are off. */
export function OfflineBanner() {
  const { t } = useTranslation();
  const readOnly = useReadOnly();
  if (!readOnly) return null;
  return (
    <div className="offline-banner" role="status">
      <span aria-hidden="true" className="offline-banner__dot" />
      {t("offline.banner")}
    </div>
  );
}
