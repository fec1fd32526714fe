import { onlineManager } from "@tanstack/react-query";
import { probeClient, session } from "@/lib/api/client";
import { watchConnectivity } from "@/lib/connectivity";
import { queryClient } from "@/lib/query-client";
import { clearSavedData, isPublicQuery, savedDataRestored } from "@/lib/query-persistence";

/** Drops the tenant's answers from memory; public ones (a payment link being paid) stay. */
function forgetTenantData(): void {
  queryClient.removeQueries({ predicate: (query) => !isPublicQuery(query.queryKey) });
  queryClient.getMutationCache().clear();
}

/**
 * Called once before the first render:
 * - restores the session from the refresh cookie (or goes offline on saved data);
 * - retries when the browser comes back online, or when the server answers while the app believed it
 *   was offline (the browser's idea of connectivity can be wrong), then refreshes everything shown;
 * - when the session ends, drops every cached answer of the tenant, in memory and on the device
 *   (a public payment link's answer stays: whoever opened it is paying without a session). The saved
 *   copy is dropped again once the start-up restore has finished, so a restore that was still
 *   reading IndexedDB cannot bring it back.
 */
export function bootstrapSession(): void {
  session.onSignedOut(() => {
    forgetTenantData();
    void clearSavedData();
    void savedDataRestored.then(async () => {
      if (session.getSnapshot().status === "authenticated") return;
      forgetTenantData();
      await clearSavedData();
    });
  });

  let previous = session.getSnapshot().status;
  session.subscribe(() => {
    const { status } = session.getSnapshot();
    if (previous === "offline" && status === "authenticated") void queryClient.invalidateQueries();
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
    cutOff: () => !onlineManager.isOnline() || sessionCutOff(),
    onReachable: reconnect,
  });
}
