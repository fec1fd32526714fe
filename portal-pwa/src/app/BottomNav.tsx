import { useTranslation } from "react-i18next";
import { NavLink, useMatch } from "react-router";
import { useMyUnreadMessages } from "@/features/messages/api/messages";

function HomeIcon() {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path d="M3 10.5 12 3l9 7.5V20a1 1 0 0 1-1 1h-5v-6h-6v6H4a1 1 0 0 1-1-1z" fill="currentColor" />
    </svg>
  );
}

function PaymentsIcon() {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path d="M3 6a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v2H3zm0 4h18v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2zm3 5v2h5v-2z" fill="currentColor" />
    </svg>
  );
}

function IncidentsIcon() {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path d="M21.7 18.6 14 10.9a5 5 0 0 0-6.3-6.6l3.2 3.2-2.8 2.8-3.2-3.2A5 5 0 0 0 11.5 13.4l7.7 7.7a1.8 1.8 0 0 0 2.5-2.5z" fill="currentColor" />
    </svg>
  );
}

function MessagesIcon() {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z" fill="currentColor" />
    </svg>
  );
}

function DocumentsIcon() {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path d="M6 2h8l5 5v13a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm7 1.5V8h4.5zM8 12v2h8v-2zm0 4v2h8v-2z" fill="currentColor" />
    </svg>
  );
}

/**
 * The phone's main navigation, at the bottom within thumb reach: five sections, the most a
 * phone's tab bar holds with readable labels (about 72 px each on a 360 px screen). "Home" stays
 * current on a lease's page (leases are reached from home); the profile is the header's
 * (`AppShell`). Messages carries the count of the agency's messages not read yet (read again
 * every minute).
 */
export function BottomNav() {
  const { t } = useTranslation();
  const onLease = useMatch("/leases/*") !== null;
  const unread = useMyUnreadMessages().data?.messages ?? 0;
  const linkClass = (highlighted: boolean) =>
    highlighted ? "bottom-nav__link bottom-nav__link--active" : "bottom-nav__link";
  return (
    <nav className="bottom-nav" aria-label={t("nav.label")}>
      <ul className="bottom-nav__list">
        <li>
          <NavLink to="/" end className={({ isActive }) => linkClass(isActive || onLease)}>
            <HomeIcon />
            <span>{t("nav.home")}</span>
          </NavLink>
        </li>
        <li>
          <NavLink to="/payments" className={({ isActive }) => linkClass(isActive)}>
            <PaymentsIcon />
            <span>{t("nav.payments")}</span>
          </NavLink>
        </li>
        <li>
          <NavLink to="/documents" className={({ isActive }) => linkClass(isActive)}>
            <DocumentsIcon />
            <span>{t("nav.documents")}</span>
          </NavLink>
        </li>
        <li>
          <NavLink to="/incidents" className={({ isActive }) => linkClass(isActive)}>
            <IncidentsIcon />
            <span>{t("nav.incidents")}</span>
          </NavLink>
        </li>
        <li>
          <NavLink to="/messages" className={({ isActive }) => linkClass(isActive)}>
            <span className="bottom-nav__icon">
              <MessagesIcon />
              {unread > 0 && (
                <span className="bottom-nav__badge" aria-hidden="true">
                  {unread > 99 ? "99+" : unread}
                </span>
              )}
            </span>
            <span>{t("nav.messages")}</span>
            {unread > 0 && <span className="visually-hidden">{t("nav.unread", { count: unread })}</span>}
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}
