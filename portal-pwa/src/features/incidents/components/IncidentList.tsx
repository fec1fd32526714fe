import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useDateFormat } from "@/lib/format/use-date-format";
import { useMyIncidents, type Incident } from "../api/incidents";
import { IncidentStatusBadge } from "./IncidentStatusBadge";

function IncidentCard({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  return (
    <li>
      <article className="card incident-card">
        <p className="incident-card__top">
          <IncidentStatusBadge status={incident.status} />
          <span className="muted">{t(`incidents.category.${incident.category}`)}</span>
        </p>
        <h3 className="card__title">
          <Link to={`/incidents/${incident.id}`}>{incident.title}</Link>
        </h3>
        <p className="muted small">
          {t("lease.home", { property: incident.property_name, unit: incident.unit_name })} ·{" "}
          {t("incidents.reportedOn", { date: dates.date(incident.reported_at) })}
        </p>
        {incident.status === "scheduled" && incident.scheduled_for !== null && (
          <p className="small">{t("incidents.visitOn", { when: dates.instant(incident.scheduled_for) })}</p>
        )}
      </article>
    </li>
  );
}

/** The tenant's reports, newest first; only the open ones when `openOnly`. */
export function IncidentList({ openOnly = false }: { openOnly?: boolean }) {
  const { t } = useTranslation();
  const incidents = useMyIncidents(openOnly);
  if (incidents.data !== undefined) {
    if (incidents.data.length === 0) return <p className="muted">{openOnly ? t("incidents.openNone") : t("incidents.empty")}</p>;
    return (
      <ul className="card-list plain-list">
        {incidents.data.map((incident) => (
          <IncidentCard key={incident.id} incident={incident} />
        ))}
      </ul>
    );
  }
  if (incidents.isError) return <Alert>{describeProblem(incidents.error, t).message}</Alert>;
  return <p aria-busy="true">{t("app.loading")}</p>;
}

/** Home: the incidents still being dealt with, and the way to report one. */
export function OpenIncidents() {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="open-incidents-title">
      <h2 id="open-incidents-title">{t("incidents.openTitle")}</h2>
      <IncidentList openOnly />
      <p className="button-row">
        <Link to="/incidents/new" className="button button--secondary">
          {t("incidents.report")}
        </Link>
        <Link to="/incidents">{t("incidents.seeAll")}</Link>
      </p>
    </section>
  );
}
