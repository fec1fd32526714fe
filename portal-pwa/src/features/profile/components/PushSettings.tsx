import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { ApiError, describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { deleteDevice, pushQueryKey, sendSubscription, usePushDevices, usePushKey } from "@/features/profile/api/push";
import { useDateFormat } from "@/lib/format/use-date-format";
import {
  disablePush,
  enablePush,
  PushPermissionRefused,
  pushState,
  pushSupported,
  type PushBrowser,
  type PushServer,
} from "./push-state";

const server: PushServer = { send: sendSubscription, remove: deleteDevice };

async function registration(): Promise<ServiceWorkerRegistration> {
  // The app registers the service worker at start-up; `ready` waits for it to be active.
  return navigator.serviceWorker.ready;
}

function browser(): PushBrowser {
  return {
    requestPermission: () => Notification.requestPermission(),
    pushManager: async () => (await registration()).pushManager,
    userAgent: navigator.userAgent,
  };
}

/** This browser's subscription endpoint, or null; read without waiting for a worker that may never come. */
async function currentEndpoint(): Promise<string | null> {
  const existing = await navigator.serviceWorker.getRegistration();
  if (existing === undefined) return null;
  return (await existing.pushManager.getSubscription())?.endpoint ?? null;
}

/**
 * Seed 002: "Notifications on this device". Push is asked for only when the tenant taps the
 * button (the browser's permission prompt comes from that tap); it can be turned off again,
 * and the tenant's other devices with notifications can be removed from here.
 */
export function PushSettings() {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const queryClient = useQueryClient();
  const supported = pushSupported(window);
  const key = usePushKey();
  const devices = usePushDevices();
  const [permission, setPermission] = useState<NotificationPermission>(supported ? Notification.permission : "default");
  // This browser's own subscription: read from the browser, refreshed with the devices.
  const endpoint = useQuery({
    queryKey: [...pushQueryKey, "this-browser"],
    queryFn: async () => {
      try {
        return await currentEndpoint();
      } catch {
        return null;
      }
    },
    enabled: supported,
    networkMode: "always",
  }).data;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const state = pushState({
    supported,
    serverEnabled: key.data?.enabled,
    permission,
    endpoint,
    serverEndpoints: devices.data?.map((d) => d.endpoint),
  });

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      if (caught instanceof PushPermissionRefused) {
        setPermission(caught.permission);
        // Blocked has its own state; a prompt the tenant closed leaves push off, and says so.
        if (caught.permission === "default") setError(t("push.dismissed"));
      } else {
        // A refusal of the API is worded from its problem; anything the browser threw (no push
        // service reachable, a subscription it could not make) is the one plain message.
        setError(caught instanceof ApiError ? describeProblem(caught, t).message : t("push.failed"));
      }
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: pushQueryKey });
      if (supported) setPermission(Notification.permission);
    }
  }

  const turnOn = () =>
    run(async () => {
      const publicKey = key.data?.public_key;
      if (publicKey === null || publicKey === undefined) return;
      await enablePush(browser(), server, publicKey);
    });
  const turnOff = () => run(() => disablePush(browser(), server, devices.data ?? []));
  const remove = (id: string) => run(() => deleteDevice(id));

  const others = (devices.data ?? []).filter((d) => d.endpoint !== endpoint);

  return (
    <section className="card stack" aria-labelledby="push-title" data-push-state={state}>
      <h2 id="push-title" className="card__title">
        {t("push.title")}
      </h2>
      {key.isError ? (
        <Alert>{describeProblem(key.error, t).message}</Alert>
      ) : state === "checking" ? (
        <p aria-busy="true">{t("app.loading")}</p>
      ) : (
        <>
          <p role="status">{t(`push.state.${state}`)}</p>
          {state === "off" ? (
            <Button busy={busy} busyLabel={t("push.working")} onClick={() => void turnOn()}>
              {t("push.turnOn")}
            </Button>
          ) : state === "on" ? (
            <Button variant="secondary" busy={busy} busyLabel={t("push.working")} onClick={() => void turnOff()}>
              {t("push.turnOff")}
            </Button>
          ) : null}
        </>
      )}
      {error !== null ? <Alert>{error}</Alert> : null}
      {devices.isError ? <Alert>{describeProblem(devices.error, t).message}</Alert> : null}
      {others.length > 0 ? (
        <div className="stack">
          <h3 className="small">{t("push.otherDevices")}</h3>
          <ul className="plain-list stack">
            {others.map((device) => (
              <li key={device.id} className="push-device">
                <span>
                  <span>{device.device_label ?? t("push.unnamedDevice")}</span>{" "}
                  <span className="muted small">{t("push.since", { date: dates.date(device.created_at) })}</span>
                </span>
                <Button variant="link" disabled={busy} onClick={() => void remove(device.id)}>
                  {t("push.remove")}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
