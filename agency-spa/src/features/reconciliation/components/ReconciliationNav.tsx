import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";

/** Reconciliation's screens: statements, the review queue, card payments awaiting payout. */
export function ReconciliationNav() {
  const { t } = useTranslation();
  return (
    <nav className="subnav" aria-label={t("reconciliation.nav.label")}>
      <ul>
        <li>
          <NavLink to="/reconciliation" end>
            {t("reconciliation.nav.statements")}
          </NavLink>
        </li>
        <li>
          <NavLink to="/reconciliation/lines">{t("reconciliation.nav.lines")}</NavLink>
        </li>
        <li>
          <NavLink to="/reconciliation/unpaid-out">{t("reconciliation.nav.unpaidOut")}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
