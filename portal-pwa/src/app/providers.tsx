import { PersistQueryClientProvider } from "@tanstack/react-query-persist-client";
import type { ReactNode } from "react";
import { BrowserRouter } from "react-router";
import { env } from "@/lib/env";
import { queryClient } from "@/lib/query-client";
import { onSavedDataRestored, persistOptions } from "@/lib/query-persistence";

export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <PersistQueryClientProvider
      client={queryClient}
      persistOptions={persistOptions}
      onSuccess={onSavedDataRestored}
      onError={onSavedDataRestored}
    >
      <BrowserRouter basename={env.routerBasename}>{children}</BrowserRouter>
    </PersistQueryClientProvider>
  );
}
