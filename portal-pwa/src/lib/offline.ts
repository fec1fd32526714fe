import { onlineManager } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { useSession } from "@doorstep/web-shared/lib/auth/use-session";
import { session } from "@/lib/api/client";

/** The browser's idea of connectivity, as TanStack Query tracks it (online/offline events). */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (onChange) => onlineManager.subscribe(onChange),
    () => onlineManager.isOnline(),
  );
}

/**
 * True while the app shows saved data without a live session or network: screens must then
 * disable every change (forms, buttons that write) and say why (the offline banner does).
 */
export function useReadOnly(): boolean {
  const { status } = useSession(session);
  const online = useOnline();
  return status === "offline" || !online;
}
