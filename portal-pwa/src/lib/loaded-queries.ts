import type { onlineManager, QueryClient } from "@tanstack/react-query";

/**
 * The query library is loaded with the screens, not with the login page (the first load). The
 * session's start-up code (app/session-bootstrap) acts on the app's query client and on the
 * library's idea of connectivity once they exist: ./query-client announces them here when loaded.
 */
export interface LoadedQueries {
  queryClient: QueryClient;
  onlineManager: typeof onlineManager;
}

let loaded: LoadedQueries | undefined;

export function announceQueries(queries: LoadedQueries): void {
  loaded = queries;
}

/** The app's query client and the library's online manager, or undefined while not loaded. */
export function loadedQueries(): LoadedQueries | undefined {
  return loaded;
}
