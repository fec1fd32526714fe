import { CacheExpiration } from "workbox-expiration";

/**
 * Incident photos the tenant has seen, kept on the device so they show offline too.
 *
 * Photos are private: the API serves them only with the tenant's bearer token, fetched through
 * the API client and shown from a blob URL. So they are cached here, in the page, after the
 * token was checked, and not by a service-worker route: a worker's cache is keyed by URL alone
 * and would answer any request for that URL, token or not. Cache Storage holds the files
 * (IndexedDB would copy them into the saved JSON's store); workbox-expiration keeps the entry
 * count and age in bounds, the least recently seen going first. A photo is at most 5 MB (the
 * API's cap), so the cache holds at most PHOTO_CACHE_MAX_ENTRIES × 5 MB. Signing out (or a
 * refused session) drops it with the rest of the tenant's saved data (app/session-bootstrap.ts).
 */
export const PHOTO_CACHE = "doorstep-portal-incident-photos";
export const PHOTO_CACHE_MAX_ENTRIES = 30;
export const PHOTO_CACHE_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** The API's largest photo: anything bigger is not kept. */
export const PHOTO_CACHE_MAX_BYTES = 5 * 1024 * 1024;

let expiration: CacheExpiration | undefined;
const expirations = () =>
  (expiration ??= new CacheExpiration(PHOTO_CACHE, { maxEntries: PHOTO_CACHE_MAX_ENTRIES, maxAgeSeconds: PHOTO_CACHE_MAX_AGE_SECONDS }));

/** Bumped by every clear: a photo still downloading when the tenant signs out is not kept. */
let generation = 0;

function storage(): CacheStorage | undefined {
  return typeof caches === "undefined" ? undefined : caches;
}

/**
 * The photo at `path` (its API path): from the device when it was seen before, else from
 * `fetchPhoto` (the API, with the token), then kept. Storage that fails or is full never stops
 * the photo from showing.
 */
export async function cachedPhoto(path: string, fetchPhoto: () => Promise<Blob>): Promise<Blob> {
  const cacheStorage = storage();
  if (cacheStorage === undefined) return fetchPhoto();
  const key = new URL(path, window.location.origin).href;
  const started = generation;
  try {
    const hit = await (await cacheStorage.open(PHOTO_CACHE)).match(key);
    if (hit !== undefined) {
      await expirations()
        .updateTimestamp(key)
        .catch(() => undefined); // seen again: the last to go
      return await hit.blob();
    }
  } catch {
    // unreadable cache: fetch as if nothing were kept
  }
  const blob = await fetchPhoto();
  if (blob.size <= PHOTO_CACHE_MAX_BYTES && started === generation) {
    try {
      const cache = await cacheStorage.open(PHOTO_CACHE);
      // The bytes rather than the Blob: a Response takes both in browsers, only bytes everywhere.
      await cache.put(key, new Response(await blob.arrayBuffer(), { headers: { "Content-Type": blob.type, "Content-Length": String(blob.size) } }));
      if (started !== generation) {
        await cache.delete(key); // signed out while it was being written
      } else {
        await expirations().updateTimestamp(key);
        await expirations().expireEntries();
      }
    } catch {
      // quota exceeded or storage unavailable: shown, not kept
    }
  }
  return blob;
}

/** Drops every kept photo and the record of when each was seen (on sign-out). */
export async function clearPhotoCache(): Promise<void> {
  generation += 1;
  const cacheStorage = storage();
  if (cacheStorage === undefined) return;
  try {
    await expirations().delete();
  } catch {
    // no record kept
  }
  expiration = undefined;
  try {
    await cacheStorage.delete(PHOTO_CACHE);
  } catch {
    // nothing kept
  }
}
