import { useTranslation } from "react-i18next";
import { NavLink, useMatch } from "react-router";

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

function DocumentsIcon() {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path d="M6 2h8l5 5v13a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm7 1.5V8h4.5zM8 12v2h8v-2zm0 4v2h8v-2z" fill="currentColor" />
    </svg>
  );
}

function ProfileIcon() {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="8" r="4" fill="currentColor" />
      <path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7z" fill="currentColor" />
    </svg>
  );
}

/**
 * The phone's main navigation, at the bottom within thumb reach: five sections, the most a
 * phone's tab bar holds with readable labels. "Home" stays current on a
 * lease's page (leases are reached from home).
 */
export function BottomNav() {
  const { t } = useTranslation();
  const onLease = useMatch("/leases/*") !== null;
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
          <NavLink to="/incidents" className={({ isActive }) => linkClass(isActive)}>
            <IncidentsIcon />
            <span>{t("nav.incidents")}</span>
          </NavLink>
        </li>
        <li>
          <NavLink to="/documents" className={({ isActive }) => linkClass(isActive)}>
            <DocumentsIcon />
            <span>{t("nav.documents")}</span>
          </NavLink>
        </li>
        <li>
          <NavLink to="/profile" className={({ isActive }) => linkClass(isActive)}>
            <ProfileIcon />
            <span>{t("nav.profile")}</span>
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}
