import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { ApiError, describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useMyLeases } from "@/features/leases/api/get-my-leases";
import { useMyIncident, type IncidentDetail } from "@/features/incidents/api/incidents";
import { IncidentDetailView } from "@/features/incidents/components/IncidentDetailView";
import { IncidentList } from "@/features/incidents/components/IncidentList";
import { IncidentReportForm } from "@/features/incidents/components/IncidentReportForm";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useLeaseLabels } from "../use-lease-labels";

/** What the report form passes along: the incident page then thanks the tenant. */
interface IncidentSentState {
  sent: true;
}

function wasJustSent(state: unknown): boolean {
  return typeof state === "object" && state !== null && (state as Partial<IncidentSentState>).sent === true;
}

function BackToIncidents() {
  const { t } = useTranslation();
  return (
    <p className="back-link">
      <Link to="/incidents">
        <span aria-hidden="true">←</span>
        {t("incidents.back")}
      </Link>
    </p>
  );
}

/** "Incidents": everything the tenant reported, and the way to report a new problem. */
export function IncidentsRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t("incidents.title"));
  return (
    <>
      <header className="page-header">
        <h1>{t("incidents.title")}</h1>
        <p className="muted">{t("incidents.intro")}</p>
      </header>
      <p>
        <Link to="/incidents/new" className="button button--primary">
          {t("incidents.report")}
        </Link>
      </p>
      <IncidentList />
    </>
  );
}

/** "Report a problem": the form, for one of the tenant's active leases. */
export function NewIncidentRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const leases = useMyLeases();
  const labels = useLeaseLabels();
  useDocumentTitle(t("incidents.form.title"));
  const active = (leases.data ?? []).filter((lease) => lease.status === "active").map((lease) => ({ id: lease.id, label: labels[lease.id] ?? lease.id }));
  const onSent = (incident: IncidentDetail) => {
    const state: IncidentSentState = { sent: true };
    void navigate(`/incidents/${incident.id}`, { state });
  };
  return (
    <>
      <BackToIncidents />
      <header className="page-header">
        <h1>{t("incidents.form.title")}</h1>
        <p className="muted">{t("incidents.form.intro")}</p>
      </header>
      {leases.data !== undefined ? (
        <IncidentReportForm leases={active} onSent={onSent} />
      ) : leases.isError ? (
        <Alert>{describeProblem(leases.error, t).message}</Alert>
      ) : (
        <p aria-busy="true">{t("app.loading")}</p>
      )}
    </>
  );
}

/** One incident with its progress. */
export function IncidentRoute() {
  const { incidentId = "" } = useParams();
  const { t } = useTranslation();
  const location = useLocation();
  const incident = useMyIncident(incidentId);
  useDocumentTitle(incident.data?.title ?? t("incidents.title"));
  if (incident.data !== undefined) {
    return (
      <>
        <BackToIncidents />
        <IncidentDetailView incident={incident.data} justSent={wasJustSent(location.state)} />
      </>
    );
  }
  if (incident.isError) {
    const notFound = incident.error instanceof ApiError && (incident.error.status === 404 || incident.error.status === 422);
    return (
      <>
        <BackToIncidents />
        <h1>{notFound ? t("incidents.detail.notFoundTitle") : t("incidents.title")}</h1>
        {notFound ? <p>{t("incidents.detail.notFoundBody")}</p> : <Alert>{describeProblem(incident.error, t).message}</Alert>}
      </>
    );
  }
  return <p aria-busy="true">{t("app.loading")}</p>;
}
