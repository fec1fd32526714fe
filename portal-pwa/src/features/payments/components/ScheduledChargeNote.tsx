import { useTranslation } from "react-i18next";
import { formatDate } from "@doorstep/web-shared/lib/format/date";
import type { Invoice } from "../api/get-my-invoice";

type ScheduledCharge = NonNullable<Invoice["scheduled_charge"]>;

/** The sentence saying how and when the recurring payment takes the invoice. */
function useScheduledChargeText(charge: ScheduledCharge, locale: string): string {
  const { t } = useTranslation();
  if (charge.status === "charging") return t("payments.scheduled.charging");
  const date = formatDate(charge.charge_on, locale);
  if (charge.last4 === null) return t("payments.scheduled.unknown", { date });
  const key = charge.method === "sepa_debit" ? "payments.scheduled.account" : "payments.scheduled.card";
  return t(key, { last4: charge.last4, date });
}

/**
 * "Will be taken from your card ending 4242 on 1 January 2027": the invoice is the recurring
 * payment's to pay (seed 003), so the tenant is not led to pay it twice.
 */
export function ScheduledChargeNote({ charge, locale }: { charge: ScheduledCharge; locale: string }) {
  const text = useScheduledChargeText(charge, locale);
  return (
    <p className="note note--info" data-testid="scheduled-charge">
      {text}
    </p>
  );
}
