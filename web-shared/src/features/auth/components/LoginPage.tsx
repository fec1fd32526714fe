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
import type { Session } from "../../../lib/auth/session";
import { useLogin } from "../api/login";

const FIELDS = ["email", "password"] as const;

export interface LoginPageProps {
  /** The app's API client (with the auth middleware: it sends the UI language). */
  api: ApiClient;
  /** The app's session; its audience picks the login endpoint (staff or tenant). */
  session: Session;
}

/** The sign-in page of both apps; each words `app.section`, `login.intro` and `login.email` itself. */
export function LoginPage({ api, session }: LoginPageProps) {
  const { t } = useTranslation();
  const loginMutation = useLogin(api, session);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  const problem = loginMutation.isError
    ? describeProblem(loginMutation.error, t, { fields: FIELDS, byStatus: { 401: "errors.invalidCredentials" } })
    : undefined;

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    // On success the session becomes authenticated and GuestOnly moves on to the page asked for.
    loginMutation.mutate({ email: email.trim(), password });
  }

  return (
    <main className="auth-page" id="main">
      <div className="auth-page__card">
        <p className="brand" aria-hidden="true">
          {t("app.name")} · {t("app.section")}
        </p>
        <h1>{t("login.title")}</h1>
        <p className="muted">{t("login.intro")}</p>
        {problem !== undefined && <Alert>{problem.message}</Alert>}
        <form onSubmit={onSubmit} className="stack">
          <TextField
            label={t("login.email")}
            name="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            required
            value={email}
            onChange={(event) => {
              setEmail(event.target.value);
              forgetRefusal(loginMutation);
            }}
            error={problem?.fieldErrors.email}
          />
          <TextField
            label={t("login.password")}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => {
              setPassword(event.target.value);
              forgetRefusal(loginMutation);
            }}
            error={problem?.fieldErrors.password}
          />
          <Button type="submit" busy={loginMutation.isPending} busyLabel={t("login.submitting")}>
            {t("login.submit")}
          </Button>
        </form>
        <p>
          <Link to="/forgot-password">{t("account.forgot.link")}</Link>
        </p>
        <LanguageSwitcher />
      </div>
    </main>
  );
}
