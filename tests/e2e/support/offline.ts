/**
 * The tenant portal's offline machinery, as the specs observe it from the page: the service
 * worker in control, and what the persisted query cache holds.
 */
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/** Waits until the service worker is active and controls this page (clientsClaim on activation). */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

/**
 * True once the persisted query cache in IndexedDB (idb-keyval: database "doorstep-portal",
 * store "query-cache", see portal-pwa/src/lib/query-persistence.ts) mentions `text`. Only opens
 * the database when the app has created it, so the check never creates it without its store.
 */
export async function savedDataMentions(page: Page, text: string): Promise<boolean> {
  return page.evaluate(async (needle) => {
    const databases = await indexedDB.databases();
    if (!databases.some((database) => database.name === "doorstep-portal")) return false;
    return new Promise<boolean>((resolve) => {
      const request = indexedDB.open("doorstep-portal");
      request.onerror = () => resolve(false);
      request.onsuccess = () => {
        const db = request.result;
        try {
          const read = db.transaction("query-cache", "readonly").objectStore("query-cache").get("doorstep.portal.queries");
          read.onsuccess = () => resolve(typeof read.result === "string" && read.result.includes(needle));
          read.onerror = () => resolve(false);
        } catch {
          resolve(false);
        } finally {
          db.close();
        }
      };
    });
  }, text);
}
