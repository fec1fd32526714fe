import { useState, useTransition, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LanguageSwitcher } from "../../../components/LanguageSwitcher";
import { Alert } from "../../../components/ui/Alert";
import { Button } from "../../../components/ui/Button";
import { TextField } from "../../../components/ui/TextField";
import type { ApiClient } from "../../../lib/api/create-client";
import { describeProblem, problemSlug } from "../../../lib/api/api-error";
import type { Session } from "../../../lib/auth/session";
import { finishLogin, login } from "../api/login";

const FIELDS = ["email", "password"] as const;

export interface LoginPageProps {
  /** The app's API client (with the auth middleware: it sends the UI language). */
  api: ApiClient;
  /** The app's session; its audience picks the login endpoint (staff or tenant). */
  session: Session;
  /** Runs once signed in, before the page moves on: drop whatever a previous user left cached. */
  onSignedIn?: () => void;
}

/** What the last attempt was refused with (kept until an input changes or the next attempt). */
interface Refusal {
  error: unknown;
}

/**
 * The sign-in page of both apps; each words `app.section`, `login.intro` and `login.email` itself.
 * It is on each app's first load, so it sends the login as a React action (a transition) rather
 * than through the query library, which the screens behind it load.
 */
export function LoginPage({ api, session, onSignedIn }: LoginPageProps) {
  const { t } = useTranslation();
  const [pending, startTransition] = useTransition();
  const [refusal, setRefusal] = useState<Refusal>();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  // Set when the password was right and the account asks for a code (staff with two-step on).
  const [challenge, setChallenge] = useState<string>();
  const [expired, setExpired] = useState(false);

  const problem =
    refusal === undefined
      ? undefined
      : describeProblem(refusal.error, t, { fields: FIELDS, byStatus: { 401: "errors.invalidCredentials" } });

  if (challenge !== undefined) {
    return (
      <SecondStep
        api={api}
        session={session}
        challenge={challenge}
        onSignedIn={onSignedIn}
        onStartAgain={(dead) => {
          setChallenge(undefined);
          setPassword("");
          setExpired(dead);
        }}
      />
    );
  }

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setRefusal(undefined);
    setExpired(false);
    const input = { email: email.trim(), password };
    // On success the session becomes authenticated and GuestOnly moves on to the page asked for.
    startTransition(async () => {
      try {
        const outcome = await login(api, session, input);
        if (outcome.signedIn) onSignedIn?.();
        else setChallenge(outcome.challenge);
      } catch (error: unknown) {
        setRefusal({ error });
      }
    });
  }

  /** An error next to a value the user has since changed would contradict it: it goes. */
  function forgetRefusal() {
    if (refusal !== undefined) setRefusal(undefined);
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
        {expired && problem === undefined && <Alert tone="info">{t("login.twoStep.expired")}</Alert>}
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
              forgetRefusal();
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
              forgetRefusal();
            }}
            error={problem?.fieldErrors.password}
          />
          <Button type="submit" busy={pending} busyLabel={t("login.submitting")}>
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

interface SecondStepProps {
  api: ApiClient;
  session: Session;
  challenge: string;
  onSignedIn?: () => void;
  /** Back to the password (`dead`: the challenge expired or took too many wrong codes). */
  onStartAgain: (dead: boolean) => void;
}

/**
 * The second step of a staff sign-in with two-step on: the 6-digit code of the authenticator app,
 * or one of the recovery codes. A challenge lives five minutes and dies after five wrong codes;
 * then the person starts again from the password.
 */
function SecondStep({ api, session, challenge, onSignedIn, onStartAgain }: SecondStepProps) {
  const { t } = useTranslation();
  const [pending, startTransition] = useTransition();
  const [refusal, setRefusal] = useState<Refusal>();
  const [code, setCode] = useState("");
  const [recovery, setRecovery] = useState(false);
  const wrong = refusal !== undefined && problemSlug(refusal.error) === "two-factor-code-refused";
  const problem = refusal === undefined || wrong ? undefined : describeProblem(refusal.error, t, { fields: ["code"] as const });
  const label = recovery ? t("login.twoStep.recoveryCode") : t("login.twoStep.code");

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setRefusal(undefined);
    const input = { challenge, code: code.trim() };
    startTransition(async () => {
      try {
        await finishLogin(api, session, input);
        onSignedIn?.();
      } catch (error: unknown) {
        if (problemSlug(error) === "two-factor-challenge-expired") onStartAgain(true);
        else setRefusal({ error });
      }
    });
  }

  return (
    <main className="auth-page" id="main">
      <div className="auth-page__card">
        <p className="brand" aria-hidden="true">
          {t("app.name")} · {t("app.section")}
        </p>
        <h1>{t("login.twoStep.title")}</h1>
        <p className="muted">{recovery ? t("login.twoStep.recoveryIntro") : t("login.twoStep.intro")}</p>
        {problem !== undefined && <Alert>{problem.message}</Alert>}
        <form onSubmit={onSubmit} className="stack">
          <TextField
            key={recovery ? "recovery" : "app"}
            label={label}
            name="code"
            autoComplete={recovery ? "off" : "one-time-code"}
            inputMode={recovery ? "text" : "numeric"}
            spellCheck={false}
            required
            autoFocus
            value={code}
            onChange={(event) => {
              setCode(event.target.value);
              setRefusal(undefined);
            }}
            error={wrong ? t("login.twoStep.wrong") : problem?.fieldErrors.code}
          />
          <Button type="submit" busy={pending} busyLabel={t("login.twoStep.submitting")}>
            {t("login.twoStep.submit")}
          </Button>
        </form>
        <p className="button-row">
          <Button
            variant="link"
            onClick={() => {
              setRecovery(!recovery);
              setCode("");
              setRefusal(undefined);
            }}
          >
            {recovery ? t("login.twoStep.useApp") : t("login.twoStep.useRecovery")}
          </Button>
          <Button
            variant="link"
            onClick={() => {
              onStartAgain(false);
            }}
          >
            {t("login.twoStep.startAgain")}
          </Button>
        </p>
      </div>
    </main>
  );
}
