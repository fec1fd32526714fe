import type { Persister } from "@tanstack/react-query-persist-client";
import type { QueryKey } from "@tanstack/react-query";
import { createStore, del, get, set, type UseStore } from "idb-keyval";

/**
 * Where the tenant's saved query cache lives on the device (one IndexedDB entry), and what the
 * session needs to drop it, without the query library: the login page is part of the first load,
 * and a refused session must drop saved data there too. The persister itself is in
 * ./query-persistence, loaded with the screens.
 */
export const SAVED_DATA_MAX_AGE = 7 * 24 * 60 * 60 * 1000;
export const SAVED_DATA_KEY = "doorstep.portal.queries";

let idbStore: UseStore | undefined;
// Opened on first use, not at import: IndexedDB is not there in every environment (tests, SSR).
const store = () => (idbStore ??= createStore("doorstep-portal", "query-cache"));

/** The persister's storage: the saved cache is one string under {@link SAVED_DATA_KEY}. */
export const savedDataStorage = {
  getItem: (key: string) => get<string>(key, store()).then((value) => value ?? null),
  setItem: (key: string, value: string) => set(key, value, store()),
  removeItem: (key: string) => del(key, store()),
};

/** The persister's removeClient, without loading the persister: it removes the same entry. */
const savedEntry: Pick<Persister, "removeClient"> = {
  removeClient: () => savedDataStorage.removeItem(SAVED_DATA_KEY),
};

export async function clearSavedData(target: Pick<Persister, "removeClient"> = savedEntry): Promise<void> {
  try {
    await target.removeClient();
  } catch {
    // nothing saved, or storage unavailable: nothing to clear
  }
}

/**
 * Answers anyone may see without signing in (a payment link's invoice), keyed under "public":
 * they are not the tenant's saved data, so they are never written to the device, and a tenant
 * session ending does not drop them from the page that shows them.
 */
export function isPublicQuery(queryKey: QueryKey): boolean {
  return queryKey[0] === "public";
}

let markRestored: () => void = () => undefined;
/** Settles once PersistQueryClientProvider has finished restoring (or failed to). */
export const savedDataRestored = new Promise<void>((resolve) => {
  markRestored = resolve;
});
export function onSavedDataRestored(): void {
  markRestored();
}
