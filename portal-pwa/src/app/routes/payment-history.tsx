import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PaymentHistory } from "@/features/payments/components/PaymentHistory";
import { useFormattingLocale } from "@/lib/format/use-formatting-locale";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useLeaseLabels } from "../use-lease-labels";

export function PaymentHistoryRoute() {
  const { t } = useTranslation();
  const locale = useFormattingLocale();
  const leaseLabels = useLeaseLabels();
  useDocumentTitle(t("payments.history.title"));
  return (
    <>
      <p className="back-link">
        <Link to="/payments">
          <span aria-hidden="true">←</span>
          {t("payments.history.back")}
        </Link>
      </p>
      <h1>{t("payments.history.title")}</h1>
      <PaymentHistory locale={locale} leaseLabels={leaseLabels} />
    </>
  );
}
