import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LanguageSwitcher } from "../../../components/LanguageSwitcher";
import { Alert } from "../../../components/ui/Alert";
import { Button } from "../../../components/ui/Button";
import { TextField } from "../../../components/ui/TextField";
import type { ApiClient } from "../../../lib/api/create-client";
import { describeProblem } from "../../../lib/api/problem";
import { forgetRefusal } from "../../../lib/forms/stale-errors";
import type { Audience } from "../../../lib/auth/session";
import { useRequestPasswordReset } from "../api/account-links";

export interface ForgotPasswordPageProps {
  api: ApiClient;
  audience: Audience;
}

/**
 * "Forgot password?" from the login page: the e-mail address, then the same message whatever
 * the address (the API does not say whether it has an account). Someone with accounts at several
 * agencies gets one link per agency, each naming its agency: the link they open picks the account.
 */
export function ForgotPasswordPage({ api, audience }: ForgotPasswordPageProps) {
  const { t } = useTranslation();
  const request = useRequestPasswordReset(api, audience);
  const [email, setEmail] = useState("");
  const problem = request.isError ? describeProblem(request.error, t, { fields: ["email"] as const }) : undefined;

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    request.mutate(email.trim());
  }

  return (
    <main className="auth-page" id="main">
      <div className="auth-page__card">
        <p className="brand" aria-hidden="true">
          {t("app.name")} · {t("app.section")}
        </p>
        <h1>{t("account.forgot.title")}</h1>
        {request.isSuccess ? (
          <Alert tone="info">{t("account.forgot.sent")}</Alert>
        ) : (
          <>
            <p className="muted">{t("account.forgot.intro")}</p>
            {problem !== undefined && <Alert>{problem.message}</Alert>}
            <form onSubmit={onSubmit} className="stack">
              <TextField
                label={t("account.forgot.email")}
                name="email"
                type="email"
                autoComplete="username"
                inputMode="email"
                required
                value={email}
                onChange={(event) => {
                  setEmail(event.target.value);
                  forgetRefusal(request);
                }}
                error={problem?.fieldErrors.email}
              />
              <Button type="submit" busy={request.isPending} busyLabel={t("account.forgot.submitting")}>
                {t("account.forgot.submit")}
              </Button>
            </form>
          </>
        )}
        <p>
          <Link to="/login">{t("account.forgot.backToLogin")}</Link>
        </p>
        <LanguageSwitcher />
      </div>
    </main>
  );
}
