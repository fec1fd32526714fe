/**
 * The state of "Notifications on this device" and the browser steps behind it, written against
 * the few browser objects they use so that tests can stand in for them.
 */

export type PushState = "checking" | "unsupported" | "unavailable" | "denied" | "on" | "off";

export interface PushInputs {
  /** The browser has service workers, the Push API and notifications. */
  supported: boolean;
  /** The server sends push (undefined while its key is being read). */
  serverEnabled: boolean | undefined;
  permission: NotificationPermission;
  /** This browser's subscription endpoint, when it has one (undefined while being read). */
  endpoint: string | null | undefined;
  /** The endpoints of the tenant's devices the server knows (undefined while being read). */
  serverEndpoints: readonly string[] | undefined;
}

/**
 * On only when the browser is subscribed, allowed to show notifications, and the server has
 * this subscription (it forgets one the push service said is gone, or another tenant took
 * over on this browser): then the tenant sees "off" and turning it on sends it again.
 */
export function pushState(inputs: PushInputs): PushState {
  if (!inputs.supported) return "unsupported";
  if (inputs.serverEnabled === undefined) return "checking";
  if (!inputs.serverEnabled) return "unavailable";
  if (inputs.permission === "denied") return "denied";
  if (inputs.endpoint === undefined || inputs.serverEndpoints === undefined) return "checking";
  if (inputs.permission === "granted" && inputs.endpoint !== null && inputs.serverEndpoints.includes(inputs.endpoint)) {
    return "on";
  }
  return "off";
}

export function pushSupported(scope: { navigator: Navigator } & Partial<Record<"PushManager" | "Notification", unknown>>): boolean {
  return "serviceWorker" in scope.navigator && scope.PushManager !== undefined && scope.Notification !== undefined;
}

/** The base64url application server key as the bytes `pushManager.subscribe` takes. */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  const raw = atob(base64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** How the tenant recognises a device in their list: the system and the browser, from the user agent. */
export function deviceLabel(userAgent: string): string {
  const system = userAgent.includes("iPhone")
    ? "iPhone"
    : userAgent.includes("iPad")
      ? "iPad"
      : userAgent.includes("Android")
        ? "Android"
        : userAgent.includes("Windows")
          ? "Windows"
          : userAgent.includes("Macintosh") || userAgent.includes("Mac OS X")
            ? "Mac"
            : userAgent.includes("Linux") || userAgent.includes("CrOS")
              ? "Linux"
              : null;
  const browser = userAgent.includes("Edg/")
    ? "Edge"
    : userAgent.includes("Firefox/")
      ? "Firefox"
      : userAgent.includes("Chrome/") || userAgent.includes("Chromium/")
        ? "Chrome"
        : userAgent.includes("Safari/")
          ? "Safari"
          : null;
  return [browser, system].filter((part) => part !== null).join(" · ") || "Browser";
}

export interface PushBrowser {
  requestPermission: () => Promise<NotificationPermission>;
  pushManager: () => Promise<Pick<PushManager, "getSubscription" | "subscribe">>;
  userAgent: string;
}

export interface PushServer {
  send: (body: {
    endpoint: string;
    keys: { p256dh: string; auth: string };
    device_label: string;
  }) => Promise<{ id: string }>;
  remove: (subscriptionId: string) => Promise<void>;
}

export class PushPermissionRefused extends Error {
  readonly permission: NotificationPermission;

  constructor(permission: NotificationPermission) {
    super(`notification permission: ${permission}`);
    this.name = "PushPermissionRefused";
    this.permission = permission;
  }
}

/**
 * Turn push on, on the tenant's tap: ask for permission (the browser's prompt), subscribe with
 * the server's key (or keep the subscription the browser has), send it to the server.
 */
export async function enablePush(browser: PushBrowser, server: PushServer, serverKey: string): Promise<string> {
  const permission = await browser.requestPermission();
  if (permission !== "granted") throw new PushPermissionRefused(permission);
  const manager = await browser.pushManager();
  const subscription =
    (await manager.getSubscription()) ??
    (await manager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(serverKey) }));
  const json = subscription.toJSON();
  const p256dh = json.keys?.p256dh;
  const auth = json.keys?.auth;
  if (json.endpoint === undefined || p256dh === undefined || auth === undefined) {
    throw new Error("the browser's subscription has no keys");
  }
  await server.send({ endpoint: json.endpoint, keys: { p256dh, auth }, device_label: deviceLabel(browser.userAgent) });
  return json.endpoint;
}

/** Turn push off on this device: the server forgets it, then the browser drops the subscription. */
export async function disablePush(browser: PushBrowser, server: PushServer, devices: readonly { id: string; endpoint: string }[]) {
  const manager = await browser.pushManager();
  const subscription = await manager.getSubscription();
  if (subscription === null) return;
  const device = devices.find((d) => d.endpoint === subscription.endpoint);
  if (device !== undefined) await server.remove(device.id);
  await subscription.unsubscribe();
}
