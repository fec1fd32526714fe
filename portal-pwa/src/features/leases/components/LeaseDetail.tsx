import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDate } from "@doorstep/web-shared/lib/format/date";
import type { Lease } from "../api/get-my-lease";
import { dueDayInWords, rentPerPeriod, upcomingRent } from "../lib/wording";
import { HoldingOverNote } from "./HoldingOverNote";
import { LeaseStatusBadge } from "./LeaseStatusBadge";

export interface LeaseDetailProps {
  lease: Lease;
  locale: string;
  /** The signed-in tenant, marked "(you)" among the lease's tenants. */
  currentTenantId?: string | undefined;
  /** The tenant's letting agency (the lease itself does not carry it). */
  agencyName?: string | undefined;
}

export function LeaseDetail({ lease, locale, currentTenantId, agencyName }: LeaseDetailProps) {
  const { t } = useTranslation();
  const upcoming = upcomingRent(lease, t, locale);
  return (
    <article className="lease-detail" aria-labelledby="lease-title">
      <p className="back-link">
        <Link to="/">
          <span aria-hidden="true">←</span>
          {t("lease.back")}
        </Link>
      </p>
      <header className="page-header">
        <h1 id="lease-title" className="lease-detail__title">
          {lease.unit.property_name}
        </h1>
        <p className="lease-detail__subtitle">
          <span className="lease-detail__unit">{lease.unit.name}</span> <LeaseStatusBadge status={lease.status} />
        </p>
      </header>
      <HoldingOverNote lease={lease} locale={locale} />
      <section className="card" aria-labelledby="lease-details-title">
        <h2 id="lease-details-title" className="card__title">
          {t("lease.details")}
        </h2>
        <dl className="facts">
          <div className="facts__row">
            <dt>{t("lease.address")}</dt>
            <dd>{lease.unit.address}</dd>
          </div>
          <div className="facts__row">
            <dt>{t("lease.rent")}</dt>
            <dd>{rentPerPeriod(lease, t, locale)}</dd>
          </div>
          {upcoming !== null && (
            <div className="facts__row">
              <dt>{t("lease.rentChange")}</dt>
              <dd>{upcoming}</dd>
            </div>
          )}
          <div className="facts__row">
            <dt>{t("lease.frequencyLabel")}</dt>
            <dd>{t(`lease.frequency.${lease.frequency}`)}</dd>
          </div>
          <div className="facts__row">
            <dt>{t("lease.dueDayLabel")}</dt>
            <dd>{dueDayInWords(lease, t, locale)}</dd>
          </div>
          <div className="facts__row">
            <dt>{t("lease.nextDue")}</dt>
            <dd>{lease.next_due_date === null ? t("lease.noNextDue") : formatDate(lease.next_due_date, locale)}</dd>
          </div>
          <div className="facts__row">
            <dt>{t("lease.startDate")}</dt>
            <dd>{formatDate(lease.start_date, locale)}</dd>
          </div>
          <div className="facts__row">
            <dt>{t("lease.endDate")}</dt>
            <dd>{lease.end_date === null ? t("lease.noEndDate") : formatDate(lease.end_date, locale)}</dd>
          </div>
          <div className="facts__row">
            <dt>{t("lease.tenants")}</dt>
            <dd>
              <ul className="plain-list">
                {lease.tenants.map((tenant) => {
                  const name = `${tenant.first_name} ${tenant.last_name}`;
                  return <li key={tenant.id}>{tenant.id === currentTenantId ? t("lease.you", { name }) : name}</li>;
                })}
              </ul>
            </dd>
          </div>
          {agencyName !== undefined && (
            <div className="facts__row">
              <dt>{t("lease.agency")}</dt>
              <dd>{agencyName}</dd>
            </div>
          )}
        </dl>
      </section>
      {lease.status === "active" && (
        <p>
          <Link to={`/leases/${lease.id}/recurring`}>{t("recurring.open")}</Link>
        </p>
      )}
    </article>
  );
}
