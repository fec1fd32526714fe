import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { LanguageSwitcher } from "@doorstep/web-shared/components/LanguageSwitcher";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { LanguageSetting } from "@/features/profile/components/LanguageSetting";
import { PhoneForm } from "@/features/profile/components/PhoneForm";
import { ProfileDetails } from "@/features/profile/components/ProfileDetails";
import { PushSettings } from "@/features/profile/components/PushSettings";
import { SignInAndSecurity } from "@/features/profile/components/SignInAndSecurity";
import { session } from "@/lib/api/client";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useMe } from "@/lib/auth/me";
import { useDocumentTitle } from "@/lib/use-document-title";

/** Profile: who the tenant is, their phone number, notifications on this device, password, e-mail and sessions, language, and logging out. */
export function ProfileRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const [loggingOut, setLoggingOut] = useState(false);
  useDocumentTitle(t("profile.title"));

  async function logout() {
    setLoggingOut(true);
    await session.logout();
    void navigate("/login", { replace: true });
  }

  return (
    <>
      <h1>{t("profile.title")}</h1>
      {me.data !== undefined ? (
        <div className="stack-lg">
          <ProfileDetails profile={me.data} />
          <section className="card">
            <PhoneForm phone={me.data.phone_display ?? me.data.phone} />
          </section>
          <PushSettings />
          <SignInAndSecurity email={me.data.email} />
        </div>
      ) : me.isError ? (
        <Alert>{describeProblem(me.error, t).message}</Alert>
      ) : (
        <p aria-busy="true">{t("app.loading")}</p>
      )}
      <section className="card settings" aria-labelledby="settings-title">
        <h2 id="settings-title" className="card__title">
          {t("profile.settings")}
        </h2>
        {/* The language is saved on the account once the profile is known; until then (or if it
            cannot be read) it is only this device's. */}
        {me.data !== undefined ? <LanguageSetting saved={me.data.language} agencyName={me.data.agency.name} /> : <LanguageSwitcher />}
        <Button variant="secondary" busy={loggingOut} busyLabel={t("shell.loggingOut")} onClick={() => void logout()}>
          {t("shell.logout")}
        </Button>
      </section>
    </>
  );
}
