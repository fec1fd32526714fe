import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";

/** The collections center's three screens; the current one is marked for assistive technology. */
export function CollectionsNav() {
  const { t } = useTranslation();
  return (
    <nav className="subnav" aria-label={t("collections.nav.label")}>
      <ul>
        <li>
          <NavLink to="/collections" end>
            {t("collections.nav.overview")}
          </NavLink>
        </li>
        <li>
          <NavLink to="/collections/overdue">{t("collections.nav.overdue")}</NavLink>
        </li>
        <li>
          <NavLink to="/collections/follow-ups">{t("collections.nav.followUps")}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
