import "fake-indexeddb/auto";
import { QueryClient } from "@tanstack/react-query";
import { persistQueryClientSave } from "@tanstack/react-query-persist-client";
import { describe, expect, it } from "vitest";
import {
  CACHE_BUSTER,
  clearSavedData,
  createIdbPersister,
  hasSavedData,
  isUsable,
  SAVED_DATA_MAX_AGE,
} from "./query-persistence";

describe("saved query data", () => {
  it("round-trips through IndexedDB and is cleared on demand", async () => {
    const persister = createIdbPersister();
    await clearSavedData(persister);
    expect(await hasSavedData(persister)).toBe(false);

    const queryClient = new QueryClient();
    queryClient.setQueryData(["portal", "me"], { first_name: "Tess" });
    await persistQueryClientSave({ queryClient, persister, buster: CACHE_BUSTER });
    // The persister throttles writes: wait for the write to land.
    await new Promise((resolve) => setTimeout(resolve, 1100));

    expect(await hasSavedData(persister)).toBe(true);
    const restored = await persister.restoreClient();
    expect(restored?.clientState.queries[0]?.state.data).toEqual({ first_name: "Tess" });

    await clearSavedData(persister);
    expect(await hasSavedData(persister)).toBe(false);
  });

  it("ignores data that is expired, from another build, or empty", () => {
    const now = Date.now();
    const client = (overrides: object) => ({
      timestamp: now,
      buster: CACHE_BUSTER,
      clientState: { mutations: [], queries: [{ queryKey: ["portal", "me"] }] },
      ...overrides,
    });
    expect(isUsable(client({}) as never, now)).toBe(true);
    expect(isUsable(client({ timestamp: now - SAVED_DATA_MAX_AGE - 1 }) as never, now)).toBe(false);
    expect(isUsable(client({ buster: "old" }) as never, now)).toBe(false);
    expect(isUsable(client({ clientState: { mutations: [], queries: [] } }) as never, now)).toBe(false);
    expect(isUsable(undefined, now)).toBe(false);
  });
});
