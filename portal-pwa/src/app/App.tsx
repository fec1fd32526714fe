import { BrowserRouter } from "react-router";
import { lazyRoute } from "@doorstep/web-shared/lib/lazy-route";
import { UpdatePrompt } from "@/components/UpdatePrompt";
import { env } from "@/lib/env";
import { AppRoutes } from "./AppRoutes";

/** The query cache the routes behind the login page share (loaded with them, see signed-in.tsx). */
const SavedQueries = lazyRoute(() => import("./signed-in"), "SavedQueries");

export function App() {
  return (
    <BrowserRouter basename={env.routerBasename}>
      <AppRoutes queries={<SavedQueries />} />
      <UpdatePrompt />
    </BrowserRouter>
  );
}
