import { Suspense, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, Outlet, useNavigate } from "react-router";
import { LanguageSwitcher } from "@doorstep/web-shared/components/LanguageSwitcher";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { useRouteFocus } from "@doorstep/web-shared/lib/navigation/route-focus";
import { RouteLoading } from "@doorstep/web-shared/components/RouteLoading";
import { PendingApprovalsBadge } from "@/features/approvals/components/PendingApprovalsBadge";
import { IncidentsToQualifyBadge } from "@/features/incidents/components/IncidentsToQualifyBadge";
import { UnreadConversationsBadge } from "@/features/messages/components/UnreadConversationsBadge";
import { SchedulerHealthBanner } from "@/features/scheduler-health/components/SchedulerHealthBanner";
import { PendingProofsBadge } from "@/features/transfer-proofs/components/PendingProofsBadge";
import { session } from "@/lib/api/client";
import { useMe } from "@/lib/auth/me";

const NAV_ITEMS = [
  { to: "/dashboard", label: "dashboard.nav" },
  { to: "/properties", label: "nav.properties" },
  { to: "/units", label: "nav.units" },
  { to: "/tenants", label: "nav.tenants" },
  { to: "/customers", label: "customers.navLabel" },
  { to: "/leases", label: "nav.leases" },
  { to: "/invoices", label: "invoices.nav" },
  { to: "/payments", label: "payments.nav" },
  { to: "/approvals", label: "approvals.nav", badge: PendingApprovalsBadge },
  { to: "/collections", label: "collections.navLabel" },
  { to: "/reconciliation", label: "reconciliation.navLabel" },
  { to: "/transfer-proofs", label: "transferProofs.navLabel", badge: PendingProofsBadge },
  { to: "/recurring-payments", label: "recurring.nav" },
  { to: "/messages", label: "messages.nav", badge: UnreadConversationsBadge },
  { to: "/incidents", label: "incidents.nav", badge: IncidentsToQualifyBadge },
  { to: "/settings", label: "settings.nav" },
] as const;

function AccountSummary() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (me === undefined) return <span className="account__placeholder">{t("app.loading")}</span>;
  const { user, agency } = me;
  return (
    <dl className="account" aria-label={t("shell.account")}>
      <div>
        <dt className="visually-hidden">{t("shell.name")}</dt>
        <dd className="account__name">
          {user.first_name} {user.last_name}
        </dd>
      </div>
      <div>
        <dt className="visually-hidden">{t("shell.role")}</dt>
        <dd className="badge">{t(`roles.${user.role}`)}</dd>
      </div>
      <div>
        <dt className="visually-hidden">{t("shell.agency")}</dt>
        <dd className="account__agency">{agency.name}</dd>
      </div>
    </dl>
  );
}

export function AppShell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [loggingOut, setLoggingOut] = useState(false);
  const main = useRef<HTMLElement>(null);
  useRouteFocus(main);

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
        <p className="brand">
          {t("app.name")} <span className="brand__section">{t("app.section")}</span>
        </p>
        <AccountSummary />
        <div className="shell__actions">
          <LanguageSwitcher />
          <NavLink to="/account">{t("accountPage.nav")}</NavLink>
          <Button variant="secondary" busy={loggingOut} busyLabel={t("shell.loggingOut")} onClick={() => void logout()}>
            {t("shell.logout")}
          </Button>
        </div>
      </header>
      <nav className="shell__nav" aria-label={t("nav.label")}>
        <ul>
          {NAV_ITEMS.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to}>
                {t(item.label)}
                {"badge" in item && <item.badge />}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <SchedulerHealthBanner />
      <main ref={main} className="shell__main" id="main" tabIndex={-1}>
        {/* A screen's code arrives on its first visit; the shell stays in place meanwhile. */}
        <Suspense fallback={<RouteLoading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
