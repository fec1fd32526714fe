import { session } from "@/lib/api/client";
import { queryClient } from "@/lib/query-client";

/**
 * Called once before the first render: restores the session from the refresh cookie, retries
 * when the browser comes back online, and drops every cached server answer when the session ends.
 */
export function bootstrapSession(): void {
  session.onSignedOut(() => {
    queryClient.clear();
  });
  void session.restore();
  window.addEventListener("online", () => {
    if (session.getSnapshot().status === "unreachable") void session.restore();
  });
}
