import { useTranslation } from "react-i18next";
import { formatDate } from "@doorstep/web-shared/lib/format/date";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import type { ScheduledCharge } from "../api/recurring";

/** "€950.00 on 1 Jan 2027 — Paid (declined)": a charge in one line. */
export function ChargeSummary({ charge, locale }: { charge: ScheduledCharge | null; locale: string }) {
  const { t } = useTranslation();
  if (charge === null) return <span className="muted">{t("recurring.none")}</span>;
  const date = formatDate(charge.charge_on ?? charge.due_date, locale);
  return (
    <span>
      {charge.amount === null ? t("recurring.amountPending") : formatMoney(charge.amount.amount, charge.amount.currency, locale)} · {date} ·{" "}
      <span className={`badge badge--${charge.status}`}>{t(`recurring.chargeStatus.${charge.status}`)}</span>
      {charge.failure_kind !== null && <span className="table__sub muted"> {t(`recurring.failure.${charge.failure_kind}`)}</span>}
    </span>
  );
}
