import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { session } from "@/lib/api/client";
import { env } from "@/lib/env";
import { i18nReady, loadScreenStrings } from "@/lib/i18n/i18n";
import { App } from "@/app/App";
import { bootstrapSession } from "@/app/session-bootstrap";
import "@/app/styles.css";

/** Settles once the start-up refresh has answered (signed in, refused, or out of reach). */
function sessionSettled(): Promise<void> {
  return new Promise((resolve) => {
    if (session.getSnapshot().status !== "restoring") {
      resolve();
      return;
    }
    const stop = session.subscribe(() => {
      if (session.getSnapshot().status === "restoring") return;
      stop();
      resolve();
    });
  });
}

/**
 * The signed-in home (where the installed app opens): its code and its data are asked for
 * alongside the start-up refresh, not once the router has rendered the route and each section
 * has mounted (a round trip each on a phone).
 */
async function startHome(): Promise<void> {
  const [{ queryClient }, { prefetchHomeData }] = await Promise.all([
    import("@/lib/query-client"),
    import("@/app/home-data"),
    sessionSettled(),
  ]);
  if (session.getSnapshot().status === "authenticated") prefetchHomeData(queryClient);
}

bootstrapSession();
// Every page but the login page needs the query library, the signed-in shell and the screens'
// strings (a screen behind the login, a public link): fetch them alongside the session's
// start-up refresh rather than after it.
const path = window.location.pathname;
if (!path.endsWith("/login")) {
  void import("@/app/signed-in");
  void loadScreenStrings();
  if (path === env.routerBasename || `${path}/` === env.routerBasename) {
    void import("@/app/routes/home");
    // Offline with nothing cached, the chunks do not load: the router shows what it can.
    startHome().catch(() => undefined);
  }
}

const container = document.getElementById("root");
if (container === null) throw new Error("index.html has no #root element");

// The first screen waits for its language's strings (one small chunk) rather than flash keys.
void i18nReady.then(() => {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
