import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cachedPhoto, clearPhotoCache, PHOTO_CACHE, PHOTO_CACHE_MAX_ENTRIES } from "./photo-cache";

/** Cache Storage as the browser has it, for the parts the photo cache uses (jsdom has none). */
class FakeCache {
  readonly entries = new Map<string, Response>();
  match(key: string) {
    return Promise.resolve(this.entries.get(key)?.clone());
  }
  put(key: string, response: Response) {
    this.entries.set(key, response);
    return Promise.resolve();
  }
  delete(key: string) {
    return Promise.resolve(this.entries.delete(key));
  }
}

class FakeCacheStorage {
  readonly stores = new Map<string, FakeCache>();
  open(name: string) {
    let cache = this.stores.get(name);
    if (cache === undefined) {
      cache = new FakeCache();
      this.stores.set(name, cache);
    }
    return Promise.resolve(cache);
  }
  delete(name: string) {
    return Promise.resolve(this.stores.delete(name));
  }
}

let storage: FakeCacheStorage;
let clock = Date.parse("2026-12-07T12:00:00Z");

beforeEach(() => {
  storage = new FakeCacheStorage();
  vi.stubGlobal("caches", storage);
  vi.useFakeTimers({ now: clock, toFake: ["Date"] });
});

afterEach(async () => {
  await clearPhotoCache();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const photo = (text: string) => new Blob([text], { type: "image/png" });
const path = (n: number) => `/api/v1/portal/incidents/i1/photos/p${String(n)}`;
const offline = () => Promise.reject(new TypeError("Failed to fetch"));
const tick = () => {
  clock += 1000;
  vi.setSystemTime(clock);
};

describe("the incident photo cache", () => {
  it("keeps a photo once seen and shows it again with no network", async () => {
    const fetchPhoto = vi.fn(() => Promise.resolve(photo("tap")));
    expect(await (await cachedPhoto(path(1), fetchPhoto)).text()).toBe("tap");
    expect(fetchPhoto).toHaveBeenCalledTimes(1);

    const again = await cachedPhoto(path(1), offline);
    expect(await again.text()).toBe("tap");
    expect(again.type).toBe("image/png");
    await expect(cachedPhoto(path(2), offline)).rejects.toThrow("Failed to fetch"); // never seen: not there
  });

  it("keeps at most its cap, dropping the least recently seen", async () => {
    for (let n = 1; n <= PHOTO_CACHE_MAX_ENTRIES + 1; n += 1) {
      tick();
      await cachedPhoto(path(n), () => Promise.resolve(photo(`photo ${String(n)}`)));
      if (n === 2) {
        tick();
        await cachedPhoto(path(1), offline); // seen again: now more recent than photo 2
      }
    }
    const kept = [...(storage.stores.get(PHOTO_CACHE)?.entries.keys() ?? [])];
    expect(kept).toHaveLength(PHOTO_CACHE_MAX_ENTRIES);
    expect(kept).toContain(new URL(path(1), window.location.origin).href);
    expect(kept).not.toContain(new URL(path(2), window.location.origin).href);
    expect(kept).toContain(new URL(path(3), window.location.origin).href);
  });

  it("is emptied on sign-out, including a photo still downloading then", async () => {
    await cachedPhoto(path(1), () => Promise.resolve(photo("tap")));
    let arrive: (blob: Blob) => void = () => undefined;
    const downloading = cachedPhoto(path(2), () => new Promise<Blob>((resolve) => (arrive = resolve)));
    await vi.waitFor(() => {
      expect(arrive).not.toBe(undefined);
    });

    await clearPhotoCache();
    arrive(photo("radiator"));
    expect(await (await downloading).text()).toBe("radiator"); // still shown to the page that asked

    expect(storage.stores.get(PHOTO_CACHE)?.entries.size ?? 0).toBe(0);
    await expect(cachedPhoto(path(1), offline)).rejects.toThrow("Failed to fetch");
    await expect(cachedPhoto(path(2), offline)).rejects.toThrow("Failed to fetch");
  });

  it("still shows photos where the browser has no Cache Storage", async () => {
    vi.stubGlobal("caches", undefined);
    const fetchPhoto = vi.fn(() => Promise.resolve(photo("tap")));
    await cachedPhoto(path(1), fetchPhoto);
    await cachedPhoto(path(1), fetchPhoto);
    expect(fetchPhoto).toHaveBeenCalledTimes(2);
  });
});
