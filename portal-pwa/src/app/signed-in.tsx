import { PersistQueryClientProvider } from "@tanstack/react-query-persist-client";
import { Outlet } from "react-router";
import { queryClient } from "@/lib/query-client";
import { onSavedDataRestored, persistOptions } from "@/lib/query-persistence";

export { AppShell } from "./AppShell";

/**
 * The query cache of every route but the login page, restored from (and saved to) the device.
 * This module is the screens' common start (the query library, its persister and the signed-in
 * shell): the login page, the first load, does without it.
 */
export function SavedQueries() {
  return (
    <PersistQueryClientProvider
      client={queryClient}
      persistOptions={persistOptions}
      onSuccess={onSavedDataRestored}
      onError={onSavedDataRestored}
    >
      <Outlet />
    </PersistQueryClientProvider>
  );
}
