import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { Details } from "@/components/ui/Details";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useRole } from "@/lib/auth/permissions";
import { useDateFormat } from "@/lib/format/use-date-format";
import { stepsFrom, useIncident, useIncidentPhoto, useResendWorkOrder, type IncidentDetail, type IncidentStep } from "../api/incidents";
import { IncidentStatusBadge, PriorityLabel } from "./IncidentBadges";
import { IncidentStepForm } from "./IncidentStepForms";

function IncidentPhoto({ incidentId, photoId, alt }: { incidentId: string; photoId: string; alt: string }) {
  const photo = useIncidentPhoto(incidentId, photoId);
  const blob = photo.data;
  const attach = useCallback(
    (node: HTMLImageElement | null) => {
      if (node === null || blob === undefined) return undefined;
      const url = URL.createObjectURL(blob);
      node.setAttribute("src", url);
      return () => {
        URL.revokeObjectURL(url);
      };
    },
    [blob],
  );
  if (photo.isPending) return <Loading />;
  if (photo.isError) return <LoadError error={photo.error} onRetry={() => void photo.refetch()} />;
  return <img ref={attach} className="incident-photo" alt={alt} />;
}

function IncidentFacts({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const contractor =
    incident.contractor_name === null
      ? t("incidents.none")
      : [incident.contractor_name, incident.contractor_phone, incident.contractor_email].filter((part) => part !== null).join(" · ");
  return (
    <Details
      items={[
        { term: t("incidents.fields.status"), description: <IncidentStatusBadge status={incident.status} /> },
        { term: t("incidents.fields.tenant"), description: <Link to={`/tenants/${incident.tenant_id}`}>{incident.tenant_name}</Link> },
        {
          term: t("incidents.fields.home"),
          description: (
            <Link to={`/leases/${incident.lease_id}`}>
              {incident.unit_name} · {incident.property_name}
            </Link>
          ),
        },
        { term: t("incidents.fields.reportedAt"), description: dates.instant(incident.reported_at) },
        { term: t("incidents.fields.category"), description: t(`incidents.category.${incident.category}`) },
        { term: t("incidents.fields.priority"), description: <PriorityLabel priority={incident.priority} /> },
        { term: t("incidents.fields.availability"), description: incident.availability ?? t("incidents.none") },
        { term: t("incidents.fields.contractor"), description: contractor },
        { term: t("incidents.fields.visit"), description: incident.scheduled_for === null ? t("incidents.none") : dates.instant(incident.scheduled_for) },
      ]}
    />
  );
}

/** The work order e-mailed to the contractor: to whom and when, and a way to send it again. */
function WorkOrder({ incident, canWrite }: { incident: IncidentDetail; canWrite: boolean }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const resend = useResendWorkOrder(incident.id);
  if (incident.status !== "assigned" && incident.status !== "scheduled") return null;
  const order = incident.work_order;
  const line =
    order === null
      ? t("incidents.workOrder.none")
      : t(`incidents.workOrder.${order.status}`, { to: order.to, at: dates.instant(order.delivered_at ?? order.queued_at) });
  return (
    <section className="stack" aria-label={t("incidents.workOrder.title")}>
      <h2>{t("incidents.workOrder.title")}</h2>
      <p role="status">{line}</p>
      {resend.isError && <Alert>{resend.error.message}</Alert>}
      {canWrite && incident.contractor_email !== null && (
        <div className="button-row">
          <Button
            variant="secondary"
            disabled={resend.isPending}
            onClick={() => {
              resend.mutate();
            }}
          >
            {resend.isPending ? t("incidents.workOrder.resending") : t("incidents.workOrder.resend")}
          </Button>
        </div>
      )}
    </section>
  );
}

/** /incidents/:incidentId: what the tenant reported, its photos and history, and the next steps staff may take. */
export function IncidentDetailPage({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const { can } = useRole();
  const incident = useIncident(incidentId);
  const [step, setStep] = useState<IncidentStep | null>(null);

  const back = (
    <p className="back-link">
      <Link to="/incidents">← {t("incidents.back")}</Link>
    </p>
  );
  if (incident.isPending) return <Loading />;
  if (incident.isError)
    return (
      <>
        {back}
        <LoadError error={incident.error} onRetry={() => void incident.refetch()} item />
      </>
    );
  const data = incident.data;
  const steps = can("incidents:write") ? stepsFrom(data.status) : [];
  const current = step !== null && steps.includes(step) ? step : null;

  return (
    <>
      {back}
      <div className="page-header">
        <PageHeading>{data.title}</PageHeading>
      </div>
      <div className="incident-detail">
        <section className="stack">
          <IncidentFacts incident={data} />
          <WorkOrder incident={data} canWrite={can("incidents:write")} />
          <h2>{t("incidents.fields.description")}</h2>
          <p className="incident-text">{data.description}</p>
          {data.resolution_note !== null && (
            <>
              <h2>{t("incidents.fields.resolution")}</h2>
              <p className="incident-text">{data.resolution_note}</p>
            </>
          )}
          {data.rejection_reason !== null && (
            <>
              <h2>{t("incidents.fields.rejection")}</h2>
              <p className="incident-text">{data.rejection_reason}</p>
            </>
          )}
          {data.photos.length > 0 && (
            <>
              <h2>{t("incidents.photos")}</h2>
              <ul className="incident-photos">
                {data.photos.map((photo, index) => (
                  <li key={photo.id}>
                    <IncidentPhoto incidentId={data.id} photoId={photo.id} alt={t("incidents.photoAlt", { number: index + 1, tenant: data.tenant_name })} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
        <section className="stack">
          {steps.length > 0 && (
            <>
              <h2>{t("incidents.steps.title")}</h2>
              <div className="button-row">
                {steps.map((candidate) => (
                  <Button
                    key={candidate}
                    variant={candidate === current ? "primary" : "secondary"}
                    aria-pressed={candidate === current}
                    onClick={() => {
                      setStep(candidate);
                    }}
                  >
                    {t(`incidents.steps.${candidate}`)}
                  </Button>
                ))}
              </div>
              {current !== null && (
                <IncidentStepForm
                  key={current}
                  incident={data}
                  step={current}
                  onDone={() => {
                    setStep(null);
                  }}
                />
              )}
            </>
          )}
          <h2>{t("incidents.history")}</h2>
          <ol className="incident-history">
            {data.history.map((event, index) => (
              <li key={index}>
                <IncidentStatusBadge status={event.status} /> <time dateTime={event.occurred_at}>{dates.instant(event.occurred_at)}</time> ·{" "}
                {event.actor === "tenant" ? t("incidents.byTenant", { name: event.actor_name }) : event.actor === "routing" ? t("incidents.byRouting") : event.actor_name}
                {event.note !== null && <p>{event.note}</p>}
                {event.internal_note !== null && <p className="muted">{t("incidents.internalNote", { note: event.internal_note })}</p>}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </>
  );
}
