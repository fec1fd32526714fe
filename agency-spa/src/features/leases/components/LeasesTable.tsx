import type { Ref } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDateFormat } from "@/lib/format/use-date-format";
import { describeDueDay } from "@/lib/format/due-day";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useLocale } from "@/lib/i18n/use-locale";
import type { Lease } from "../api/list-leases";
import { neverStarted } from "./cancel-date";
import { LeaseStatusBadge } from "./LeaseStatusBadge";

export interface LeasesTableProps {
  leases: Lease[];
  caption: string;
  /** Leave the tenants column out (a tenant's own page). */
  showTenants?: boolean;
  busy?: boolean;
  ref?: Ref<HTMLTableElement>;
}

/**
 * Leases with what tells them apart: unit, property and address, tenants, rent (in effect today) and when it falls
 * due, status and dates. Each row's first cell links to the lease.
 */
export function LeasesTable({ leases, caption, showTenants = true, busy = false, ref }: LeasesTableProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const date = (value: string | null) => (value === null ? "—" : dates.date(value));
  return (
    <div className="table-scroll">
      <table ref={ref} className="table" aria-busy={busy || undefined}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("leases.fields.lease")}</th>
            {showTenants && <th scope="col">{t("leases.sections.tenants")}</th>}
            <th scope="col" className="table__number">
              {t("leases.fields.rent")}
            </th>
            <th scope="col">{t("leases.fields.status")}</th>
            <th scope="col">{t("leases.fields.period")}</th>
            <th scope="col">{t("leases.fields.nextDueDate")}</th>
          </tr>
        </thead>
        <tbody>
          {leases.map((lease) => (
            <tr key={lease.id}>
              <th scope="row">
                <Link to={`/leases/${lease.id}`}>
                  {lease.unit.name} · {lease.unit.property_name}
                </Link>
                <span className="table__sub muted">{lease.unit.address}</span>
              </th>
              {showTenants && (
                <td>{lease.tenants.map((tenant) => `${tenant.first_name} ${tenant.last_name}`).join(", ")}</td>
              )}
              <td className="table__number">
                {formatMoney(lease.current_rent.amount, lease.current_rent.currency, locale)}
                <span className="table__sub muted">{describeDueDay(lease.frequency, lease.due_day, t, locale)}</span>
              </td>
              <td>
                <LeaseStatusBadge status={lease.status} />
                {lease.holding_over && <span className="table__sub muted">{t("leases.fields.holdingOver")}</span>}
              </td>
              <td>
                {date(lease.start_date)} –{" "}
                {lease.end_date === null ? t("leases.openEnded") : neverStarted(lease) ? t("leases.neverStartedShort") : date(lease.end_date)}
              </td>
              <td>{date(lease.next_due_date)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
