import { Suspense, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet } from "react-router";
import { RouteLoading } from "@doorstep/web-shared/components/RouteLoading";
import { useRouteFocus } from "@doorstep/web-shared/lib/navigation/route-focus";
import { OfflineBanner } from "@/components/OfflineBanner";
import { BottomNav } from "./BottomNav";

function ProfileIcon() {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="8" r="4" fill="currentColor" />
      <path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7z" fill="currentColor" />
    </svg>
  );
}

/**
 * Phone-first shell: a slim header with the profile at its end, the offline banner, the page,
 * and the main navigation's five sections fixed at the bottom of the screen. Logout, the
 * language and this device's notifications live on the profile page.
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
        <nav aria-label={t("nav.account")}>
          <NavLink to="/profile" className="shell__profile" aria-label={t("nav.profile")}>
            <ProfileIcon />
          </NavLink>
        </nav>
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
