import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { daysBetween, formatDate, formatRelativeDays } from "@doorstep/web-shared/lib/format/date";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import type { Lease } from "../api/get-my-lease";
import { selectNextDue } from "../lib/next-due";

export interface NextRentDueCardProps {
  leases: readonly Lease[];
  locale: string;
  /** Today on the agency's calendar ("YYYY-MM-DD"), as the API counts days. */
  today: string;
  /** Below the details, e.g. a link to pay this rent (the home screen adds it). */
  renderAction?: (leaseId: string, dueDate: string) => ReactNode;
}

/**
 * The home screen's summary: the soonest rent still to pay across the tenant's active leases
 * (a rent paid early is not "next": the API moves the date on), its amount (what its invoice
 * still asks for, else the lease's rent) and the home it is for. Nothing at all when the tenant has no lease
 * (the list below says so).
 */
export function NextRentDueCard({ leases, locale, today, renderAction }: NextRentDueCardProps) {
  const { t } = useTranslation();
  if (leases.length === 0) return null;
  const next = selectNextDue(leases);
  const days = next === null ? null : daysBetween(today, next.date);
  return (
    <section className="card next-due" aria-labelledby="next-due-title">
      <h2 id="next-due-title" className="next-due__title">
        {t("home.nextDue.title")}
      </h2>
      {next === null ? (
        <p>{t("home.nextDue.nothingDue")}</p>
      ) : (
        <>
          <p className="next-due__amount">
            {formatMoney(next.lease.next_due_amount?.amount ?? next.lease.current_rent.amount, next.lease.current_rent.currency, locale)}
          </p>
          <p className="next-due__date">
            {t("home.nextDue.date", { date: formatDate(next.date, locale) })}
            {days !== null && days >= 0 && days <= 31 && (
              <span className="next-due__relative">
                {" "}
                ({formatRelativeDays(days, locale)})
              </span>
            )}
          </p>
          <p className="next-due__home">
            {t("home.nextDue.forHome", {
              home: t("lease.home", { property: next.lease.unit.property_name, unit: next.lease.unit.name }),
            })}
          </p>
          {renderAction?.(next.lease.id, next.date)}
        </>
      )}
    </section>
  );
}
