/// <reference lib="webworker" />
import { clientsClaim } from "workbox-core";
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { portalUrl } from "./lib/notification-url";

declare const self: ServiceWorkerGlobalScope & {
  // Filled in at build time by vite-plugin-pwa (injectManifest) with the app shell's files.
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
};

// The app shell: index.html, the JS/CSS bundles, icons and the manifest, versioned by content.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every navigation inside the portal's scope gets the cached index.html, so the app starts with
// no network at all; the router then shows the right screen. API calls are never cached here:
// offline data comes from the query cache the app persists in IndexedDB, and incident photos from
// the page's own photo cache (src/lib/photo-cache.ts). Photos are private and fetched with the
// tenant's bearer token; a route here would key them by URL alone and answer without the token,
// so they are kept by the page after the API has checked it, and dropped on sign-out.
registerRoute(new NavigationRoute(createHandlerBoundToURL("index.html")));

// A new version waits until the tenant says "reload" in the update prompt
// (virtual:pwa-register's updateServiceWorker posts SKIP_WAITING), so a form in progress is never
// swapped out from under them.
self.addEventListener("message", (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  if (typeof data === "object" && data !== null && "type" in data && data.type === "SKIP_WAITING") {
    void self.skipWaiting();
  }
});

// When this worker activates (first install, or an update the tenant accepted), it takes control
// of open pages at once, so even the first visit is available offline afterwards.
clientsClaim();

// Web push (seed 002): the server sends {title, body, url, tag}, encrypted for this browser
// (notifications/push.py). The notification opens a portal page of this origin, nothing else.
interface PushPayload {
  title: string;
  body: string;
  url: string;
  tag: string;
}

const PORTAL_SCOPE = new URL(self.registration.scope);
const ICON = new URL("icons/icon-192.png", PORTAL_SCOPE).href;

function readPayload(event: PushEvent): PushPayload | null {
  try {
    const data: unknown = event.data?.json();
    if (typeof data !== "object" || data === null) return null;
    const { title, body, url, tag } = data as Record<string, unknown>;
    if (typeof title !== "string" || typeof body !== "string") return null;
    return { title, body, url: typeof url === "string" ? url : "", tag: typeof tag === "string" ? tag : "" };
  } catch {
    return null;
  }
}

self.addEventListener("push", (event: PushEvent) => {
  const payload = readPayload(event);
  if (payload === null) return;
  event.waitUntil(
    self.registration.showNotification(payload.title, {
      body: payload.body,
      icon: ICON,
      badge: ICON,
      // A later step of the same incident replaces the earlier notification.
      ...(payload.tag !== "" ? { tag: payload.tag } : {}),
      data: { url: portalUrl(payload.url, PORTAL_SCOPE) },
    }),
  );
});

self.addEventListener("notificationclick", (event: NotificationEvent) => {
  event.notification.close();
  const data: unknown = event.notification.data;
  const target = portalUrl(
    typeof data === "object" && data !== null && "url" in data && typeof data.url === "string" ? data.url : "",
    PORTAL_SCOPE,
  );
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      // A portal window already open is brought forward and shown the page; else a new one opens.
      const open = windows.find((client) => client.url.startsWith(PORTAL_SCOPE.href));
      if (open !== undefined) {
        await open.focus();
        await open.navigate(target);
        return;
      }
      await self.clients.openWindow(target);
    })(),
  );
});
