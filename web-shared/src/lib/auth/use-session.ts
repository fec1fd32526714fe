import { useSyncExternalStore } from "react";
import type { Session, SessionSnapshot } from "./session";

/** The session's current state; re-renders when it changes. */
export function useSession(session: Session): SessionSnapshot {
  return useSyncExternalStore(session.subscribe, session.getSnapshot);
}
