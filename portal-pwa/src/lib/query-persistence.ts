import { createAsyncStoragePersister } from "@tanstack/query-async-storage-persister";
import { defaultShouldDehydrateQuery, type Query } from "@tanstack/react-query";
import type { PersistedClient, Persister } from "@tanstack/react-query-persist-client";
import { SAVED_DATA_KEY, SAVED_DATA_MAX_AGE, isPublicQuery, savedDataStorage } from "@/lib/saved-data";

/**
 * Offline reading: the query cache (the tenant's own answers from the API) is saved to IndexedDB
 * and restored on start-up, so the last loaded screens render with no network. Saved data is
 * dropped on logout, when the API refuses the session, after a week, or when CACHE_BUSTER changes
 * (bump it when the shape of cached data changes incompatibly). Where it is stored, and dropping
 * it, is ./saved-data (part of the first load); the persister is loaded with the screens.
 */
export {
  SAVED_DATA_MAX_AGE,
  clearSavedData,
  isPublicQuery,
  onSavedDataRestored,
  savedDataRestored,
} from "@/lib/saved-data";
export const CACHE_BUSTER = "portal-cache-v2";

export function createIdbPersister(): Persister {
  return createAsyncStoragePersister({
    key: SAVED_DATA_KEY,
    storage: savedDataStorage,
    // Write as soon as an answer arrives (writes never overlap; a burst collapses into the
    // latest state). The cache is a few kilobytes, and a tenant who glances at the screen and
    // closes the app (or loses signal and reloads) within a second must still find it offline.
    throttleTime: 0,
  });
}

export const persister = createIdbPersister();

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
