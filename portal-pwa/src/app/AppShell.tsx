import { Suspense, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet } from "react-router";
import { RouteLoading } from "@doorstep/web-shared/components/RouteLoading";
import { useRouteFocus } from "@doorstep/web-shared/lib/navigation/route-focus";
import { OfflineBanner } from "@/components/OfflineBanner";
import { BottomNav } from "./BottomNav";

/**
 * Phone-first shell: a slim header, the offline banner, the page, and the main navigation fixed
 * at the bottom of the screen. Logout and the language live on the profile page.
 */
export function AppShell() {
  const { t } = useTranslation();
  const main = useRef<HTMLElement>(null);
  useRouteFocus(main);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t("shell.skipToContent")}
      </a>
      <header className="shell__header">
        <Link to="/" className="brand">
          {t("app.name")}
        </Link>
      </header>
      <OfflineBanner />
      <main ref={main} className="shell__main" id="main" tabIndex={-1}>
        {/* A screen's code arrives on its first visit; the shell stays in place meanwhile. */}
        <Suspense fallback={<RouteLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <BottomNav />
    </div>
  );
}
