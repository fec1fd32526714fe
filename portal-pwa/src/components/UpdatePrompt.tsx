import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useRegisterSW } from "virtual:pwa-register/react";
import { Button } from "@doorstep/web-shared/components/ui/Button";

/** How long the "works offline now" note stays; it asks nothing, so it should not cover the screen. */
export const OFFLINE_READY_NOTICE_MS = 8000;

/**
 * Registers the service worker and, when a new version has been downloaded, asks the tenant
 * before switching (the new worker waits; "Reload" tells it to skip waiting and reloads).
 * The one-off "can now open offline" note goes away by itself after a few seconds.
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

  useEffect(() => {
    if (!offlineReady || needRefresh) return undefined;
    const timer = setTimeout(() => {
      setOfflineReady(false);
    }, OFFLINE_READY_NOTICE_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [offlineReady, needRefresh, setOfflineReady]);

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
