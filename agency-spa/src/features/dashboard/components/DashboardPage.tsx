import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useLocale } from "@/lib/i18n/use-locale";
import { useDashboard, type Dashboard } from "../api/get-dashboard";
import { ACTIONS } from "./actions";

/**
 * /dashboard, the staff start page (seed 000: open the record, review the data, take action):
 * what needs someone today, each a count opening the matching list, and this month's expected,
 * collected and outstanding money — the collections center's figures, in the agency's currency,
 * for the calendar month in the agency's time zone.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const dashboard = useDashboard();
  return (
    <>
      <PageHeading>{t("dashboard.title")}</PageHeading>
      {dashboard.isPending ? (
        <Loading />
      ) : dashboard.isError ? (
        <LoadError error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : (
        <DashboardBody dashboard={dashboard.data} />
      )}
    </>
  );
}

function DashboardBody({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const money = (value: number) => formatMoney(value, dashboard.currency, locale);
  const { actions, month } = dashboard;
  const nothing = ACTIONS.every(({ name }) => actions[name] === 0);
  return (
    <>
      <p className="muted">
        {t("dashboard.today", { date: dates.date(dashboard.today), timeZone: dashboard.timezone })}
      </p>
      <section aria-labelledby="dashboard-actions" className="section section--first">
        <h2 id="dashboard-actions">{t("dashboard.actionsTitle")}</h2>
        {nothing && <p className="notice">{t("dashboard.nothing")}</p>}
        <ul className="dashboard-actions">
          {ACTIONS.map(({ name, to }) => {
            const count = actions[name];
            return (
              <li key={name} className={count === 0 ? "dashboard-action dashboard-action--done" : "dashboard-action"}>
                <Link to={to} className="dashboard-action__link">
                  <span className="dashboard-action__count">{count}</span> <span>{t(`dashboard.actions.${name}`, { count })}</span>
                </Link>
                {name === "overdue_invoices" && count > 0 && (
                  <span className="dashboard-action__note">{t("dashboard.overdueAmount", { amount: money(actions.overdue_amount) })}</span>
                )}
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="dashboard-month" className="section">
        <h2 id="dashboard-month">
          {t("dashboard.monthTitle", {
            month: dates.month(month.period_start),
          })}
        </h2>
        <p className="muted">{t("dashboard.monthIntro")}</p>
        <dl className="figures" aria-label={t("dashboard.monthFigures")}>
          <div className="figures__item">
            <dt>{t("dashboard.figures.expected")}</dt>
            <dd>{money(month.expected)}</dd>
          </div>
          <div className="figures__item">
            <dt>{t("dashboard.figures.collected")}</dt>
            <dd>{money(month.collected)}</dd>
          </div>
          <div className="figures__item figures__item--attention">
            <dt>{t("dashboard.figures.outstanding")}</dt>
            <dd>{money(month.outstanding)}</dd>
          </div>
          <div className="figures__item">
            <dt>{t("dashboard.figures.invoices")}</dt>
            <dd>{month.invoices}</dd>
          </div>
        </dl>
        <p>
          <Link to={`/collections?from=${month.period_start}&to=${month.period_end}`}>{t("dashboard.openCollections")}</Link>
        </p>
      </section>
    </>
  );
}
