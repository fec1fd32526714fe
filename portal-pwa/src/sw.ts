/// <reference lib="webworker" />
import { clientsClaim } from "workbox-core";
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";

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
