import { session } from "@/lib/api/client";
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
 * - retries when the browser comes back online, then refreshes everything shown;
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

  void session.restore();
  window.addEventListener("online", () => {
    const { status } = session.getSnapshot();
    if (status === "unreachable" || status === "offline") void session.restore();
  });
}
