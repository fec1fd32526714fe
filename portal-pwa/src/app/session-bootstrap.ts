import { probeClient, session } from "@/lib/api/client";
import { watchConnectivity } from "@/lib/connectivity";
import { loadedQueries } from "@/lib/loaded-queries";
import { clearSavedData, isPublicQuery, savedDataRestored } from "@/lib/saved-data";

/** Drops the incident photos kept on the device (loaded on demand: the login page does not need the code). */
async function forgetTenantPhotos(): Promise<void> {
  try {
    const { clearPhotoCache } = await import("@/lib/photo-cache");
    await clearPhotoCache();
  } catch {
    // the module could not load (offline, and never cached): nothing was kept by it either
  }
}

/** Drops the tenant's answers from memory; public ones (a payment link being paid) stay. */
function forgetTenantData(): void {
  // Before the query library is loaded (the login page) nothing is in memory.
  const queryClient = loadedQueries()?.queryClient;
  if (queryClient === undefined) return;
  queryClient.removeQueries({ predicate: (query) => !isPublicQuery(query.queryKey) });
  queryClient.getMutationCache().clear();
}

/** The query library's idea of connectivity (online until it loads and hears otherwise). */
function queriesOnline(): boolean {
  return loadedQueries()?.onlineManager.isOnline() ?? true;
}

/**
 * Called once before the first render:
 * - restores the session from the refresh cookie (or goes offline on saved data);
 * - once there is a session (or saved data to show), loads the query client the screens use;
 * - retries when the browser comes back online, or when the server answers while the app believed it
 *   was offline (the browser's idea of connectivity can be wrong), then refreshes everything shown;
 * - when the session ends, drops every cached answer of the tenant, in memory and on the device,
 *   and the incident photos kept for offline use (lib/photo-cache) (a public payment link's answer stays: whoever opened it is paying without a session). The saved
 *   copy is dropped again once the start-up restore has finished, so a restore that was still
 *   reading IndexedDB cannot bring it back.
 */
export function bootstrapSession(): void {
  session.onSignedOut(() => {
    forgetTenantData();
    void clearSavedData();
    void forgetTenantPhotos();
    void savedDataRestored.then(async () => {
      if (session.getSnapshot().status === "authenticated") return;
      forgetTenantData();
      await clearSavedData();
      await forgetTenantPhotos();
    });
  });

  let previous = session.getSnapshot().status;
  session.subscribe(() => {
    const { status } = session.getSnapshot();
    if (status === "authenticated" || status === "offline") void import("@/lib/query-client");
    if (previous === "offline" && status === "authenticated") void loadedQueries()?.queryClient.invalidateQueries();
    previous = status;
  });

  const sessionCutOff = () => {
    const { status } = session.getSnapshot();
    return status === "unreachable" || status === "offline";
  };
  const reconnect = () => {
    if (sessionCutOff()) void session.restore();
  };
  void session.restore();
  window.addEventListener("online", reconnect);
  watchConnectivity({
    probe: async () => {
      try {
        const { response } = await probeClient.GET("/healthz", { cache: "no-store" });
        return response.ok;
      } catch {
        return false;
      }
    },
    cutOff: () => !queriesOnline() || sessionCutOff(),
    onReachable: () => {
      loadedQueries()?.onlineManager.setOnline(true);
      reconnect();
    },
  });
}
