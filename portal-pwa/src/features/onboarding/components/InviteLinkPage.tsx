import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { forgetRefusal, withoutErrors } from "@doorstep/web-shared/lib/forms/stale-errors";
import { Link, useNavigate } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { ApiError, describeProblem, problemSlug } from "@doorstep/web-shared/lib/api/problem";
import { formatInstant } from "@doorstep/web-shared/lib/format/date";
import { useAcceptInvite, useInviteLink } from "../api/invite-link";
import { deadLinkReason } from "../lib/progress";

/** The API's password rule (NewPassword): at least 10 characters. */
const MIN_PASSWORD = 10;

function DeadLink({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const reason = deadLinkReason(error instanceof ApiError ? error.status : undefined, problemSlug(error));
  if (reason === "other") return <Alert>{describeProblem(error, t).message}</Alert>;
  return (
    <section className="card" aria-labelledby="invite-dead">
      <h1 id="invite-dead">{t(`onboarding.link.dead.${reason}.title`)}</h1>
      <p>{t(`onboarding.link.dead.${reason}.body`)}</p>
      {(reason === "used" || reason === "hasAccount") && (
        <p>
          <Link className="button button--primary" to="/login">
            {t("onboarding.link.signIn")}
          </Link>
        </p>
      )}
    </section>
  );
}

/**
 * The e-mail's magic link (/portal/invite/{token}): who it is for and from which agency, and a
 * new password; setting it creates the portal account, signs in and starts the onboarding
 * steps. A used, cancelled, expired or unknown link gets a page saying so and what to do.
 */
export function InviteLinkPage({ token, locale }: { token: string; locale: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const link = useInviteLink(token);
  const accept = useAcceptInvite(token);
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [errors, setErrors] = useState<{ password?: string; confirmation?: string }>({});

  if (link.isPending) return <p aria-busy="true">{t("app.loading")}</p>;
  if (link.isError) return <DeadLink error={link.error} />;
  const acceptRefused = problemSlug(accept.error);
  if (accept.isError && (acceptRefused?.startsWith("invite-link") === true || acceptRefused === "tenant-has-portal-account")) {
    return <DeadLink error={accept.error} />;
  }
  const invite = link.data;
  const serverProblem = accept.error === null ? undefined : describeProblem(accept.error, t, { fields: ["password"] as const });

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: typeof errors = {};
    if (password.length < MIN_PASSWORD) found.password = t("onboarding.link.passwordTooShort", { count: MIN_PASSWORD });
    if (confirmation !== password) found.confirmation = t("onboarding.link.passwordsDiffer");
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    accept.mutate(password, {
      onSuccess: () => {
        void navigate("/onboarding", { replace: true });
      },
    });
  }

  return (
    <section className="card" aria-labelledby="invite-title">
      <h1 id="invite-title">{t("onboarding.link.title", { agency: invite.agency_name })}</h1>
      <p>{t("onboarding.link.intro", { name: invite.first_name, agency: invite.agency_name })}</p>
      <p className="muted">{t("onboarding.link.expires", { date: formatInstant(invite.expires_at, locale, invite.agency_timezone) })}</p>
      <form onSubmit={submit} noValidate className="stack">
        {serverProblem !== undefined && <Alert>{serverProblem.message}</Alert>}
        <TextField label={t("onboarding.link.email")} name="username" type="email" autoComplete="username" value={invite.email} readOnly />
        <TextField
          label={t("onboarding.link.password")}
          hint={t("onboarding.link.passwordHint", { count: MIN_PASSWORD })}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          value={password}
          error={errors.password ?? serverProblem?.fieldErrors.password}
          onChange={(event) => {
            setPassword(event.target.value);
            // Whether the two agree is about both inputs.
            setErrors((found) => withoutErrors(found, "password", "confirmation"));
            forgetRefusal(accept);
          }}
        />
        <TextField
          label={t("onboarding.link.confirm")}
          name="password_confirmation"
          type="password"
          autoComplete="new-password"
          required
          value={confirmation}
          error={errors.confirmation}
          onChange={(event) => {
            setConfirmation(event.target.value);
            setErrors((found) => withoutErrors(found, "confirmation"));
            forgetRefusal(accept);
          }}
        />
        <Button type="submit" busy={accept.isPending} busyLabel={t("onboarding.link.creating")}>
          {t("onboarding.link.create")}
        </Button>
      </form>
    </section>
  );
}
