import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDate } from "@doorstep/web-shared/lib/format/date";
import type { Lease } from "../api/get-my-lease";
import { rentPerPeriod, upcomingRent } from "../lib/wording";
import { HoldingOverNote } from "./HoldingOverNote";
import { LeaseStatusBadge } from "./LeaseStatusBadge";

export interface LeaseCardProps {
  lease: Lease;
  /** Locale for amounts and dates (see useFormattingLocale). */
  locale: string;
}

/**
 * One lease on the home screen. The title links to the lease; the link covers the whole card
 * (CSS) so the card is one big touch target, while its accessible name stays short.
 */
export function LeaseCard({ lease, locale }: LeaseCardProps) {
  const { t } = useTranslation();
  const upcoming = upcomingRent(lease, t, locale);
  const titleId = useId();
  return (
    <article className="card lease-card" aria-labelledby={titleId}>
      <div className="lease-card__top">
        <h3 className="lease-card__title" id={titleId}>
          {/* The label joins the two lines with a comma, the same in every browser. */}
          <Link
            to={`/leases/${lease.id}`}
            className="lease-card__link"
            aria-label={t("lease.home", { property: lease.unit.property_name, unit: lease.unit.name })}
          >
            <span className="lease-card__property">{lease.unit.property_name}</span>{" "}
            <span className="lease-card__unit">{lease.unit.name}</span>
          </Link>
        </h3>
        <LeaseStatusBadge status={lease.status} />
      </div>
      <p className="lease-card__address">{lease.unit.address}</p>
      <dl className="facts">
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
          <dt>{t("lease.nextDue")}</dt>
          <dd>
            {lease.next_due_date !== null
              ? formatDate(lease.next_due_date, locale)
              : lease.status === "ended" && lease.end_date !== null
                ? t("lease.endedOn", { date: formatDate(lease.end_date, locale) })
                : t("lease.noNextDue")}
          </dd>
        </div>
      </dl>
      <HoldingOverNote lease={lease} locale={locale} />
    </article>
  );
}
