import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { LanguageSwitcher } from "@doorstep/web-shared/components/LanguageSwitcher";
import { InviteLinkPage } from "@/features/onboarding/components/InviteLinkPage";
import { formattingLocale } from "@doorstep/web-shared/lib/format/date";
import { useDocumentTitle } from "@/lib/use-document-title";

/**
 * /portal/invite/{token}: the onboarding invite's magic link, as the invite e-mail writes it
 * (onboarding.service.invite_link). Public: the invitee has no account yet.
 */
export function InviteRoute() {
  const { token = "" } = useParams();
  const { t, i18n } = useTranslation();
  useDocumentTitle(t("onboarding.link.documentTitle"));
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
        <InviteLinkPage key={token} token={token} locale={locale} />
      </main>
    </div>
  );
}
