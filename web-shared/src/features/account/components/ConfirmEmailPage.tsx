import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LanguageSwitcher } from "../../../components/LanguageSwitcher";
import { Alert } from "../../../components/ui/Alert";
import { Button } from "../../../components/ui/Button";
import type { ApiClient } from "../../../lib/api/create-client";
import { describeProblem } from "../../../lib/api/problem";
import type { Audience } from "../../../lib/auth/session";
import { useConfirmEmailChange } from "../api/account-links";
import { deadLinkReason } from "../lib/dead-link";
import { LinkDead } from "./LinkDead";

export interface ConfirmEmailPageProps {
  api: ApiClient;
  audience: Audience;
  token: string;
}

/**
 * The confirmation e-mail's link (/confirm-email/{token}). Opening the page changes nothing (mail
 * scanners open links too): the person presses Confirm, and the address becomes their sign-in
 * address; the old address is told by e-mail.
 */
export function ConfirmEmailPage({ api, audience, token }: ConfirmEmailPageProps) {
  const { t } = useTranslation();
  const confirm = useConfirmEmailChange(api, audience, token);

  let content;
  if (confirm.isError && deadLinkReason(confirm.error) !== undefined) {
    content = <LinkDead error={confirm.error} titleId="confirm-title" />;
  } else if (confirm.isSuccess) {
    content = (
      <>
        <h1 id="confirm-title">{t("account.confirmEmail.title")}</h1>
        <Alert tone="info">{t("account.confirmEmail.done", { email: confirm.data.email })}</Alert>
        <p>
          <Link className="button button--primary" to="/">
            {t("account.reset.signIn")}
          </Link>
        </p>
      </>
    );
  } else {
    content = (
      <>
        <h1 id="confirm-title">{t("account.confirmEmail.title")}</h1>
        <p className="muted">{t("account.confirmEmail.intro")}</p>
        {confirm.isError && <Alert>{describeProblem(confirm.error, t).message}</Alert>}
        <Button
          busy={confirm.isPending}
          busyLabel={t("account.confirmEmail.submitting")}
          onClick={() => {
            confirm.mutate();
          }}
        >
          {t("account.confirmEmail.submit")}
        </Button>
      </>
    );
  }
  return (
    <main className="auth-page" id="main">
      <section className="auth-page__card" aria-labelledby="confirm-title">
        <p className="brand" aria-hidden="true">
          {t("app.name")} · {t("app.section")}
        </p>
        {content}
        <LanguageSwitcher />
      </section>
    </main>
  );
}
