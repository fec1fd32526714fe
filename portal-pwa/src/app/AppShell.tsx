import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useNavigate } from "react-router";
import { LanguageSwitcher } from "@/components/LanguageSwitcher";
import { OfflineBanner } from "@/components/OfflineBanner";
import { Button } from "@/components/ui/Button";
import { session } from "@/lib/api/client";

export function AppShell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [loggingOut, setLoggingOut] = useState(false);

  async function logout() {
    setLoggingOut(true);
    await session.logout();
    void navigate("/login", { replace: true });
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t("shell.skipToContent")}
      </a>
      <header className="shell__header">
        <Link to="/" className="brand">
          {t("app.name")}
        </Link>
        <Button variant="secondary" busy={loggingOut} busyLabel={t("shell.loggingOut")} onClick={() => void logout()}>
          {t("shell.logout")}
        </Button>
      </header>
      <OfflineBanner />
      <main className="shell__main" id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="shell__footer">
        <LanguageSwitcher />
      </footer>
    </div>
  );
}
