import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { TransferProofList } from "@/features/payments/components/TransferProofList";
import { useFormattingLocale } from "@/lib/format/use-formatting-locale";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useLeaseLabels } from "../use-lease-labels";

/** "My transfer proofs": what the tenant sent and what the agency decided. */
export function TransferProofsRoute() {
  const { t } = useTranslation();
  const locale = useFormattingLocale();
  const leaseLabels = useLeaseLabels();
  useDocumentTitle(t("proofs.title"));
  return (
    <>
      <p className="back-link">
        <Link to="/payments">
          <span aria-hidden="true">←</span>
          {t("proofs.back")}
        </Link>
      </p>
      <header className="page-header">
        <h1>{t("proofs.title")}</h1>
        <p className="muted">{t("proofs.intro")}</p>
      </header>
      <p className="proof-list__report">
        <Link to="/payments/transfer-proofs/new" className="button button--secondary">
          {t("proofs.report.link")}
        </Link>
      </p>
      <TransferProofList locale={locale} leaseLabels={leaseLabels} />
    </>
  );
}
