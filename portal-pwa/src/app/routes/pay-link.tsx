import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { LanguageSwitcher } from "@doorstep/web-shared/components/LanguageSwitcher";
import { PaymentLinkPage } from "@/features/payments/components/PaymentLinkPage";
import { formattingLocale } from "@doorstep/web-shared/lib/format/date";
import { useDocumentTitle } from "@/lib/use-document-title";

/**
 * /portal/pay/{token}: a payment link, open to anyone who holds it (no sign-in, no bottom
 * navigation). The agency's region is unknown here: amounts and dates take the browser's region
 * with the page's language ("en" in a Belgian browser: "1 December 2026").
 */
export function PayLinkRoute() {
  const { token = "" } = useParams();
  const { t, i18n } = useTranslation();
  useDocumentTitle(t("payments.link.title"));
  const locale = formattingLocale(i18n.resolvedLanguage ?? i18n.language, navigator.languages[0] ?? navigator.language);
  return (
    <div className="shell shell--public">
      <a className="skip-link" href="#main">
        {t("shell.skipToContent")}
      </a>
      <header className="shell__header">
        <span className="brand">{t("app.name")}</span>
        <LanguageSwitcher />
      </header>
      <main className="shell__main shell__main--public" id="main" tabIndex={-1}>
        <PaymentLinkPage token={token} locale={locale} />
      </main>
    </div>
  );
}
