import type { SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LanguageSwitcher } from "../../../components/LanguageSwitcher";
import { Alert } from "../../../components/ui/Alert";
import { Button } from "../../../components/ui/Button";
import type { ApiClient } from "../../../lib/api/create-client";
import { describeProblem } from "../../../lib/api/problem";
import type { Audience } from "../../../lib/auth/session";
import { useResetLink, useResetPassword } from "../api/account-links";
import { deadLinkReason } from "../lib/dead-link";
import { useNewPassword } from "../lib/use-new-password";
import { LinkDead } from "./LinkDead";
import { NewPasswordFields } from "./NewPasswordFields";

export interface ResetPasswordPageProps {
  api: ApiClient;
  audience: Audience;
  token: string;
}

/**
 * The reset e-mail's link (/reset-password/{token}): whose account it is for, and the new
 * password typed twice. Once saved, every session of the account has ended, and the page leads
 * to the login. A used, expired or unknown link gets a page saying so and how to get another.
 */
export function ResetPasswordPage({ api, audience, token }: ResetPasswordPageProps) {
  const { t } = useTranslation();
  const link = useResetLink(api, audience, token);
  const reset = useResetPassword(api, audience, token);
  const newPassword = useNewPassword(reset);

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (newPassword.check()) reset.mutate(newPassword.fields.password);
  }

  let content;
  if (link.isPending) {
    content = <p aria-busy="true">{t("app.loading")}</p>;
  } else if (link.isError) {
    content = <LinkDead error={link.error} titleId="reset-title" />;
  } else if (reset.isError && deadLinkReason(reset.error) !== undefined) {
    content = <LinkDead error={reset.error} titleId="reset-title" />;
  } else if (reset.isSuccess) {
    content = (
      <>
        <h1 id="reset-title">{t("account.reset.title")}</h1>
        <Alert tone="info">{t("account.reset.done")}</Alert>
        <p>
          <Link className="button button--primary" to="/login">
            {t("account.reset.signIn")}
          </Link>
        </p>
      </>
    );
  } else {
    const serverProblem = reset.isError ? describeProblem(reset.error, t, { fields: ["password"] as const }) : undefined;
    content = (
      <>
        <h1 id="reset-title">{t("account.reset.title")}</h1>
        <p className="muted">{t("account.reset.intro", { email: link.data.email, agency: link.data.agency_name })}</p>
        {serverProblem !== undefined && <Alert>{serverProblem.message}</Alert>}
        <form onSubmit={onSubmit} noValidate className="stack">
          <input type="email" name="username" autoComplete="username" value={link.data.email} readOnly hidden />
          <NewPasswordFields
            {...newPassword.fields}
            serverError={serverProblem?.fieldErrors.password}
          />
          <Button type="submit" busy={reset.isPending} busyLabel={t("account.reset.submitting")}>
            {t("account.reset.submit")}
          </Button>
        </form>
      </>
    );
  }

  return (
    <main className="auth-page" id="main">
      <section className="auth-page__card" aria-labelledby="reset-title">
        <p className="brand" aria-hidden="true">
          {t("app.name")} · {t("app.section")}
        </p>
        {content}
        <LanguageSwitcher />
      </section>
    </main>
  );
}
