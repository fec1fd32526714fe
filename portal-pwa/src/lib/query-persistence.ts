import { createAsyncStoragePersister } from "@tanstack/query-async-storage-persister";
import { defaultShouldDehydrateQuery, type Query, type QueryKey } from "@tanstack/react-query";
import type { PersistedClient, Persister } from "@tanstack/react-query-persist-client";
import { createStore, del, get, set, type UseStore } from "idb-keyval";

/**
 * Offline reading: the query cache (the tenant's own answers from the API) is saved to IndexedDB
 * and restored on start-up, so the last loaded screens render with no network. Saved data is
 * dropped on logout, when the API refuses the session, after a week, or when CACHE_BUSTER changes
 * (bump it when the shape of cached data changes incompatibly).
 */
export const SAVED_DATA_MAX_AGE = 7 * 24 * 60 * 60 * 1000;
export const CACHE_BUSTER = "portal-cache-v2";
const KEY = "doorstep.portal.queries";

let idbStore: UseStore | undefined;
// Opened on first use, not at import: IndexedDB is not there in every environment (tests, SSR).
const store = () => (idbStore ??= createStore("doorstep-portal", "query-cache"));

export function createIdbPersister(): Persister {
  return createAsyncStoragePersister({
    key: KEY,
    storage: {
      getItem: (key) => get<string>(key, store()).then((value) => value ?? null),
      setItem: (key, value: string) => set(key, value, store()),
      removeItem: (key) => del(key, store()),
    },
    // Write as soon as an answer arrives (writes never overlap; a burst collapses into the
    // latest state). The cache is a few kilobytes, and a tenant who glances at the screen and
    // closes the app (or loses signal and reloads) within a second must still find it offline.
    throttleTime: 0,
  });
}

export const persister = createIdbPersister();

/**
 * Answers anyone may see without signing in (a payment link's invoice), keyed under "public":
 * they are not the tenant's saved data, so they are never written to the device, and a tenant
 * session ending does not drop them from the page that shows them.
 */
export function isPublicQuery(queryKey: QueryKey): boolean {
  return queryKey[0] === "public";
}

export const persistOptions = {
  persister,
  maxAge: SAVED_DATA_MAX_AGE,
  buster: CACHE_BUSTER,
  dehydrateOptions: {
    shouldDehydrateQuery: (query: Query) => defaultShouldDehydrateQuery(query) && !isPublicQuery(query.queryKey),
  },
};

/** Whether a restore would bring back any data: saved, not expired, same buster, not empty. */
export function isUsable(client: PersistedClient | undefined, now = Date.now()): boolean {
  if (client === undefined) return false;
  const fresh = now - client.timestamp < SAVED_DATA_MAX_AGE;
  return client.buster === CACHE_BUSTER && fresh && client.clientState.queries.length > 0;
}

export async function hasSavedData(target: Persister = persister): Promise<boolean> {
  try {
    return isUsable(await target.restoreClient());
  } catch {
    return false; // IndexedDB unavailable or the saved value is unreadable
  }
}

export async function clearSavedData(target: Persister = persister): Promise<void> {
  try {
    await target.removeClient();
  } catch {
    // nothing saved, or storage unavailable: nothing to clear
  }
}

let markRestored: () => void = () => undefined;
/** Settles once PersistQueryClientProvider has finished restoring (or failed to). */
export const savedDataRestored = new Promise<void>((resolve) => {
  markRestored = resolve;
});
export function onSavedDataRestored(): void {
  markRestored();
}
