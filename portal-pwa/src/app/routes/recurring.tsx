import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { RecurringPayment } from "@/features/recurring/components/RecurringPayment";
import { useFormattingLocale } from "@/lib/format/use-formatting-locale";
import { useDocumentTitle } from "@/lib/use-document-title";

export function RecurringPaymentRoute() {
  const { leaseId = "" } = useParams();
  const { t } = useTranslation();
  const locale = useFormattingLocale();
  useDocumentTitle(t("recurring.title"));
  return (
    <>
      <p className="back-link">
        <Link to={`/leases/${leaseId}`}>
          <span aria-hidden="true">←</span>
          {t("recurring.back")}
        </Link>
      </p>
      <header className="page-header">
        <h1>{t("recurring.title")}</h1>
      </header>
      <RecurringPayment leaseId={leaseId} locale={locale} />
    </>
  );
}
