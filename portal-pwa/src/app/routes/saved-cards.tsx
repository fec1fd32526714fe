import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { SavedCards } from "@/features/payments/components/SavedCards";
import { useDocumentTitle } from "@/lib/use-document-title";

export function SavedCardsRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t("payments.cards.title"));
  return (
    <>
      <p className="back-link">
        <Link to="/payments">
          <span aria-hidden="true">←</span>
          {t("payments.cards.back")}
        </Link>
      </p>
      <header className="page-header">
        <h1>{t("payments.cards.title")}</h1>
        <p className="muted">{t("payments.cards.intro")}</p>
      </header>
      <SavedCards />
    </>
  );
}
