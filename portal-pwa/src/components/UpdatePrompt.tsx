import { useTranslation } from "react-i18next";
import { useRegisterSW } from "virtual:pwa-register/react";
import { Button } from "@/components/ui/Button";

/**
 * Registers the service worker and, when a new version has been downloaded, asks the tenant
 * before switching (the new worker waits; "Reload" tells it to skip waiting and reloads).
 */
export function UpdatePrompt() {
  const { t } = useTranslation();
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisterError(error: unknown) {
      console.error("Service worker registration failed", error);
    },
  });

  if (!needRefresh && !offlineReady) return null;

  return (
    <div className="toast" role="status" aria-live="polite">
      <p className="toast__message">{needRefresh ? t("pwa.updateAvailable") : t("pwa.offlineReady")}</p>
      <div className="toast__actions">
        {needRefresh ? (
          <>
            <Button onClick={() => void updateServiceWorker(true)}>{t("pwa.reload")}</Button>
            <Button
              variant="secondary"
              onClick={() => {
                setNeedRefresh(false);
              }}
            >
              {t("pwa.later")}
            </Button>
          </>
        ) : (
          <Button
            variant="secondary"
            onClick={() => {
              setOfflineReady(false);
            }}
          >
            {t("pwa.dismiss")}
          </Button>
        )}
      </div>
    </div>
  );
}
