import { useTranslation } from "react-i18next";
import { DocumentList } from "@/features/documents/components/DocumentList";
import { useDocumentTitle } from "@/lib/use-document-title";

/** "Documents": the signed lease, condition reports, receipts, statements and certificates of the tenant's homes. */
export function DocumentsRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t("documents.title"));
  return (
    <>
      <header className="page-header">
        <h1>{t("documents.title")}</h1>
        <p className="muted">{t("documents.intro")}</p>
      </header>
      <DocumentList />
    </>
  );
}
