import { useMutationState } from "@tanstack/react-query";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { isLanguage, LANGUAGE_NAMES, SUPPORTED_LANGUAGES, type Language } from "@doorstep/web-shared/lib/i18n/detect";
import { changeLanguage } from "@doorstep/web-shared/lib/i18n/i18n";
import { useReadOnly } from "@/lib/offline";
import type { TenantProfile } from "@/lib/auth/me";
import { useUpdateMyProfile, type ProfileUpdate } from "../api/update-my-profile";

/** The saves of the language, whose outcome outlives this component (the screen may suspend and
 * mount again while the new language's strings load). */
const LANGUAGE_SAVE = ["portal", "me", "language"] as const;

/**
 * The tenant's language: choosing one switches the portal at once and saves it on their account,
 * so the agency's e-mails and receipts are written in it and the portal opens in it on any device.
 * `saved` is the language on the account (null: none chosen yet, the agency's is used). While the
 * portal shows another language than the saved one (picked before signing in), one button saves it.
 * Read-only while offline.
 */
export function LanguageSetting({ saved, agencyName }: { saved: Language | null; agencyName: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const readOnly = useReadOnly();
  const mutation = useUpdateMyProfile(LANGUAGE_SAVE);
  const latest = useMutationState({
    filters: { mutationKey: LANGUAGE_SAVE },
    select: (found) => ({
      status: found.state.status,
      error: found.state.error,
      language: (found.state.variables as ProfileUpdate | undefined)?.language ?? undefined,
      saved: (found.state.data as TenantProfile | undefined)?.language ?? undefined,
    }),
  }).at(-1);
  const current: Language = isLanguage(i18n.language) ? i18n.language : "en";
  const pending = latest?.status === "pending";

  function save(language: Language) {
    mutation.mutate({ language });
  }

  const problem = latest?.status === "error" ? describeProblem(latest.error, t, { fields: ["language"] as const }) : undefined;
  const failed = latest?.status === "error" ? latest.language : undefined;

  return (
    <div className="stack">
      <h3>{t("profile.language.title")}</h3>
      <div className="language-switcher">
        <label htmlFor={id}>{t("language.label")}</label>
        <select
          id={id}
          value={current}
          disabled={readOnly || pending}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            const { value } = event.target;
            if (!isLanguage(value)) return;
            void changeLanguage(i18n, value);
            save(value);
          }}
        >
          {SUPPORTED_LANGUAGES.map((language) => (
            <option key={language} value={language} lang={language}>
              {LANGUAGE_NAMES[language]}
            </option>
          ))}
        </select>
      </div>
      <p id={`${id}-hint`} className="muted small">
        {saved === null
          ? t("profile.language.noneSaved", { agency: agencyName })
          : t("profile.language.saved", { agency: agencyName, language: LANGUAGE_NAMES[saved] })}
      </p>
      {readOnly && <Alert tone="info">{t("profile.language.readOnly")}</Alert>}
      {pending && (
        <p role="status" className="muted small">
          {t("profile.saving")}
        </p>
      )}
      {latest?.status === "success" && <Alert tone="info">{t("profile.language.done", { language: LANGUAGE_NAMES[latest.saved ?? current] })}</Alert>}
      {problem !== undefined && failed !== undefined && (
        <Alert>
          {t("profile.language.failed")} {problem.message}{" "}
          <Button variant="secondary" onClick={() => { save(failed); }} disabled={readOnly}>
            {t("profile.language.retry")}
          </Button>
        </Alert>
      )}
      {!readOnly && !pending && latest?.status !== "error" && saved !== current && (
        <Button variant="secondary" onClick={() => { save(current); }}>
          {t("profile.language.useThis", { language: LANGUAGE_NAMES[current] })}
        </Button>
      )}
    </div>
  );
}
