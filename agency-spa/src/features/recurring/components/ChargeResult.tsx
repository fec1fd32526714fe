import { useTranslation } from "react-i18next";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import type { ScheduledCharge } from "../api/recurring";

/** "€950.00 on 1 January 2027 — Paid (declined)": a charge in one line. */
export function ChargeSummary({ charge, locale }: { charge: ScheduledCharge | null; locale: string }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  if (charge === null) return <span className="muted">{t("recurring.none")}</span>;
  const date = dates.date(charge.charge_on ?? charge.due_date);
  return (
    <span>
      {charge.amount === null ? t("recurring.amountPending") : formatMoney(charge.amount.amount, charge.amount.currency, locale)} · {date} ·{" "}
      <span className={`badge badge--${charge.status}`}>{t(`recurring.chargeStatus.${charge.status}`)}</span>
      {charge.failure_kind !== null && <span className="table__sub muted"> {t(`recurring.failure.${charge.failure_kind}`)}</span>}
    </span>
  );
}
