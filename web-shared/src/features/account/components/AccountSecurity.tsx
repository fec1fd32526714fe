import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/Alert";
import { Button } from "../../../components/ui/Button";
import { TextField } from "../../../components/ui/TextField";
import type { ApiClient } from "../../../lib/api/create-client";
import { describeProblem, problemSlug, type ProblemMessage } from "../../../lib/api/problem";
import { forgetRefusal } from "../../../lib/forms/stale-errors";
import type { Session } from "../../../lib/auth/session";
import { useChangePassword, useRequestEmailChange, useSignOutEverywhere } from "../api/own-account";
import { useNewPassword } from "../lib/use-new-password";
import { NewPasswordFields } from "./NewPasswordFields";

/**
 * The API words these refusals in English on their field; the forms say them in the reader's
 * language instead, recognised by the problem's type.
 */
function inOwnWords<F extends string>(
  described: ProblemMessage<F>,
  error: unknown,
  t: (key: "account.password.wrongCurrent" | "account.changeEmail.same") => string,
): ProblemMessage<F> {
  const slug = problemSlug(error);
  const own: Partial<Record<string, [string, string]>> = {
    "wrong-current-password": ["current_password", t("account.password.wrongCurrent")],
    "same-email": ["new_email", t("account.changeEmail.same")],
  };
  const found = own[slug ?? ""];
  if (found === undefined) return described;
  return { ...described, fieldErrors: { ...described.fieldErrors, [found[0]]: found[1] } };
}

interface Props {
  api: ApiClient;
  session: Session;
}

function ChangePasswordForm({ api, session }: Props) {
  const { t } = useTranslation();
  const change = useChangePassword(api, session.audience);
  const [current, setCurrent] = useState("");
  const newPassword = useNewPassword(change);
  const serverProblem = change.isError
    ? inOwnWords(describeProblem(change.error, t, { fields: ["current_password", "new_password", "password"] as const }), change.error, t)
    : undefined;

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!newPassword.check()) return;
    change.mutate(
      { current_password: current, new_password: newPassword.fields.password },
      {
        onSuccess: () => {
          setCurrent("");
          newPassword.clear();
        },
      },
    );
  }

  return (
    <section className="card stack" aria-labelledby="change-password-title">
      <h2 id="change-password-title">{t("account.changePassword.title")}</h2>
      {change.isSuccess && <Alert tone="info">{t("account.changePassword.done")}</Alert>}
      {serverProblem !== undefined && <Alert>{serverProblem.message}</Alert>}
      <form onSubmit={onSubmit} noValidate className="stack">
        <TextField
          label={t("account.password.current")}
          name="current_password"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          error={serverProblem?.fieldErrors.current_password}
          onChange={(event) => {
            setCurrent(event.target.value);
            forgetRefusal(change);
          }}
        />
        <NewPasswordFields
          {...newPassword.fields}
          serverError={serverProblem?.fieldErrors.new_password ?? serverProblem?.fieldErrors.password}
        />
        <Button type="submit" busy={change.isPending} busyLabel={t("account.changePassword.submitting")}>
          {t("account.changePassword.submit")}
        </Button>
      </form>
    </section>
  );
}

function ChangeEmailForm({ api, session, email }: Props & { email: string }) {
  const { t } = useTranslation();
  const request = useRequestEmailChange(api, session.audience);
  const [newEmail, setNewEmail] = useState("");
  const [password, setPassword] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const serverProblem = request.isError
    ? inOwnWords(describeProblem(request.error, t, { fields: ["new_email", "current_password", "email"] as const }), request.error, t)
    : undefined;

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const address = newEmail.trim();
    request.mutate(
      { new_email: address, current_password: password },
      {
        onSuccess: () => {
          setSentTo(address);
          setNewEmail("");
          setPassword("");
        },
      },
    );
  }

  return (
    <section className="card stack" aria-labelledby="change-email-title">
      <h2 id="change-email-title">{t("account.changeEmail.title")}</h2>
      <p className="muted">{t("account.changeEmail.current", { email })}</p>
      {sentTo !== null && <Alert tone="info">{t("account.changeEmail.sent", { email: sentTo })}</Alert>}
      {serverProblem !== undefined && <Alert>{serverProblem.message}</Alert>}
      <form onSubmit={onSubmit} className="stack">
        <TextField
          label={t("account.changeEmail.new")}
          name="new_email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          value={newEmail}
          error={serverProblem?.fieldErrors.new_email ?? serverProblem?.fieldErrors.email}
          onChange={(event) => {
            setNewEmail(event.target.value);
            forgetRefusal(request);
          }}
        />
        <TextField
          label={t("account.password.current")}
          name="email_change_password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          error={serverProblem?.fieldErrors.current_password}
          onChange={(event) => {
            setPassword(event.target.value);
            forgetRefusal(request);
          }}
        />
        <Button type="submit" busy={request.isPending} busyLabel={t("account.changeEmail.submitting")}>
          {t("account.changeEmail.submit")}
        </Button>
      </form>
    </section>
  );
}

function SignOutEverywhere({ api, session }: Props) {
  const { t } = useTranslation();
  const signOut = useSignOutEverywhere(api, session);
  const [confirming, setConfirming] = useState(false);
  return (
    <section className="card stack" aria-labelledby="sign-out-everywhere-title">
      <h2 id="sign-out-everywhere-title">{t("account.signOutEverywhere.title")}</h2>
      <p className="muted">{t("account.signOutEverywhere.intro")}</p>
      {signOut.isError && <Alert>{describeProblem(signOut.error, t).message}</Alert>}
      {confirming ? (
        <div className="stack" role="group" aria-labelledby="sign-out-everywhere-confirm">
          <p id="sign-out-everywhere-confirm">{t("account.signOutEverywhere.confirm")}</p>
          <Button
            variant="danger"
            busy={signOut.isPending}
            busyLabel={t("account.signOutEverywhere.submitting")}
            onClick={() => {
              signOut.mutate();
            }}
          >
            {t("account.signOutEverywhere.yes")}
          </Button>
          <Button
            variant="secondary"
            onClick={() => {
              setConfirming(false);
            }}
          >
            {t("account.signOutEverywhere.cancel")}
          </Button>
        </div>
      ) : (
        <Button
          variant="secondary"
          onClick={() => {
            setConfirming(true);
          }}
        >
          {t("account.signOutEverywhere.submit")}
        </Button>
      )}
    </section>
  );
}

export interface AccountSecurityProps extends Props {
  /** The signed-in person's current sign-in address. */
  email: string;
}

/**
 * The profile's "sign-in and security" part, for staff and tenants alike: change the password
 * (other devices are signed out, this one stays), change the e-mail address (confirmed from the
 * new mailbox), and sign out of every device.
 */
export function AccountSecurity({ api, session, email }: AccountSecurityProps) {
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="account-security-title">
      <h2 id="account-security-title">{t("account.security.title")}</h2>
      <ChangePasswordForm api={api} session={session} />
      <ChangeEmailForm api={api} session={session} email={email} />
      <SignOutEverywhere api={api} session={session} />
    </section>
  );
}
