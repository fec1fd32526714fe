import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";

/** Seed 001's two tabs of the Customers section, and the onboarding tasks and flows invites are built from. */
export function CustomersNav() {
  const { t } = useTranslation();
  return (
    <nav className="subnav" aria-label={t("customers.nav.label")}>
      <ul>
        <li>
          <NavLink to="/customers/invites">{t("customers.nav.invites")}</NavLink>
        </li>
        <li>
          <NavLink to="/customers/registered">{t("customers.nav.customers")}</NavLink>
        </li>
        <li>
          <NavLink to="/customers/tasks">{t("customers.nav.tasks")}</NavLink>
        </li>
        <li>
          <NavLink to="/customers/flows">{t("customers.nav.flows")}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
