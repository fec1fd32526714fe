import { lazy, Suspense } from "react";
import { BrowserRouter } from "react-router";
import { lazyRoute } from "@doorstep/web-shared/lib/lazy-route";
import { env } from "@/lib/env";
import { AppRoutes } from "./AppRoutes";

/** The query cache the routes behind the login page share (loaded with them, see signed-in.tsx). */
const SavedQueries = lazyRoute(() => import("./signed-in"), "SavedQueries");

/**
 * The service worker's registration and its update prompt: nothing to show on the first render
 * (the worker registers once the page has loaded), so its code follows the first load.
 */
const UpdatePrompt = lazy(async () => ({ default: (await import("@/components/UpdatePrompt")).UpdatePrompt }));

export function App() {
  return (
    <BrowserRouter basename={env.routerBasename}>
      <AppRoutes queries={<SavedQueries />} />
      <Suspense fallback={null}>
        <UpdatePrompt />
      </Suspense>
    </BrowserRouter>
  );
}
