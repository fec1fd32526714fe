import { useTranslation } from "react-i18next";

/**
 * Seed 000 "Product status": what the agency has not switched on is shown as "in progress", not
 * as a form that fails.
 */
export function CardPaymentsNotAvailable() {
  const { t } = useTranslation();
  return (
    <div className="card not-available" role="note" aria-labelledby="not-available-title">
      <p className="not-available__title" id="not-available-title">
        {t("payments.notAvailable.title")}
      </p>
      <p className="muted">{t("payments.notAvailable.body")}</p>
    </div>
  );
}
