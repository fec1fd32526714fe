import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useDateFormat } from "@/lib/format/use-date-format";
import { useReadOnly } from "@/lib/offline";
import { fetchIncidentPhoto, useCancelIncident, type IncidentDetail } from "../api/incidents";
import { IncidentStatusBadge } from "./IncidentStatusBadge";

/**
 * A photo fetched with the tenant's token and shown from an object URL (the API sends it as an
 * attachment). Kept out of the query cache, which is saved on the device as JSON.
 */
function IncidentPhoto({ incidentId, photoId, alt }: { incidentId: string; photoId: string; alt: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let live = true;
    fetchIncidentPhoto(incidentId, photoId).then(
      (blob) => {
        if (!live) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      },
      () => undefined, // offline or gone: the placeholder stays
    );
    return () => {
      live = false;
      if (objectUrl !== null) URL.revokeObjectURL(objectUrl);
    };
  }, [incidentId, photoId]);
  if (url === null) return <span className="incident-photos__placeholder" />;
  return <img className="incident-photos__image" src={url} alt={alt} />;
}

/** One report: what the tenant said, who comes and when, each step with its date, and "cancel" while it is only received. */
export function IncidentDetailView({ incident, justSent = false }: { incident: IncidentDetail; justSent?: boolean }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const readOnly = useReadOnly();
  const cancel = useCancelIncident();
  return (
    <article className="incident-detail" aria-labelledby="incident-title">
      <header className="page-header">
        <h1 id="incident-title">{incident.title}</h1>
        <p>
          <IncidentStatusBadge status={incident.status} /> <span className="muted">{t(`incidents.category.${incident.category}`)}</span>
        </p>
        <p className="muted">{t("lease.home", { property: incident.property_name, unit: incident.unit_name })}</p>
      </header>
      {justSent && <Alert tone="info">{t("incidents.detail.sent")}</Alert>}
      {incident.contractor_name !== null && <p>{t("incidents.contractor", { name: incident.contractor_name })}</p>}
      {incident.status === "scheduled" && incident.scheduled_for !== null && (
        <p>
          <strong>{t("incidents.visitOn", { when: dates.instant(incident.scheduled_for) })}</strong>
        </p>
      )}
      {incident.resolution_note !== null && (
        <section className="section">
          <h2>{t("incidents.detail.resolution")}</h2>
          <p className="note">{incident.resolution_note}</p>
        </section>
      )}
      {incident.rejection_reason !== null && (
        <section className="section">
          <h2>{t("incidents.detail.rejection")}</h2>
          <p className="note note--danger">{incident.rejection_reason}</p>
        </section>
      )}
      <section className="section">
        <h2>{t("incidents.detail.history")}</h2>
        <ol className="incident-history">
          {incident.history.map((event, index) => (
            <li key={index} className="incident-history__step">
              <IncidentStatusBadge status={event.status} />{" "}
              <time dateTime={event.occurred_at}>{dates.instant(event.occurred_at)}</time>
              <span className="muted small"> · {event.actor === "tenant" ? t("incidents.detail.byYou") : t("incidents.detail.byAgency")}</span>
              {event.note !== null && <p className="small">{event.note}</p>}
            </li>
          ))}
        </ol>
      </section>
      <section className="section">
        <h2>{t("incidents.detail.description")}</h2>
        <p className="incident-detail__text">{incident.description}</p>
        {incident.availability !== null && (
          <>
            <h3>{t("incidents.detail.availability")}</h3>
            <p className="incident-detail__text">{incident.availability}</p>
          </>
        )}
      </section>
      {incident.photos.length > 0 && (
        <section className="section">
          <h2>{t("incidents.detail.photos")}</h2>
          <ul className="incident-photos plain-list">
            {incident.photos.map((photo, index) => (
              <li key={photo.id}>
                <IncidentPhoto incidentId={incident.id} photoId={photo.id} alt={t("incidents.detail.photo", { number: index + 1 })} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {incident.status === "reported" && (
        <p className="button-row">
          <Button variant="secondary" busy={cancel.isPending} busyLabel={t("incidents.detail.cancelling")} disabled={readOnly} onClick={() => { cancel.mutate(incident.id); }}>
            {t("incidents.detail.cancel")}
          </Button>
        </p>
      )}
      {cancel.isError && <Alert>{describeProblem(cancel.error, t).message}</Alert>}
    </article>
  );
}
