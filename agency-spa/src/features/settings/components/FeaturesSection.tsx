import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { CheckboxField } from "@/components/ui/CheckboxField";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useMe } from "@/lib/auth/me";
import { useUpdateAgency } from "../api/settings";
import { SaveFeedback } from "./SaveFeedback";
import { SettingsFrame } from "./SettingsFrame";
import { canEditAgency } from "./settings-rights";
import { FEATURES, featureChanges, type Features } from "./settings-forms";

/**
 * /settings/features: the switches of what depends on agency settings and integrations (seed
 * 000). A feature that is off is not hidden from tenants: they see it as "In progress", and so
 * its state here says so.
 */
export function FeaturesSection() {
  const { t } = useTranslation();
  const me = useMe();
  const save = useUpdateAgency();
  const canEdit = canEditAgency(me.data?.user.role);
  return (
    <SettingsFrame section="features" readOnlyNote={me.data !== undefined && !canEdit ? t("settings.ownerOnly") : undefined}>
      {me.data === undefined ? (
        me.isError ? <LoadError error={me.error} onRetry={() => void me.refetch()} /> : <Loading />
      ) : (
        <FeaturesForm key={JSON.stringify(me.data.features)} saved={me.data.features} canEdit={canEdit} save={save} />
      )}
    </SettingsFrame>
  );
}

function FeaturesForm({ saved, canEdit, save }: { saved: Features; canEdit: boolean; save: ReturnType<typeof useUpdateAgency> }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Features>(saved);
  const [unchanged, setUnchanged] = useState(false);
  const problem = save.isError ? describeProblem(save.error, t) : null;

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = featureChanges(saved, values);
    if (body === null) setUnchanged(true);
    else save.mutate(body);
  }

  return (
    <form className="stack form" onSubmit={onSubmit} noValidate aria-label={t("settings.sections.features")}>
      <p className="muted">{t("settings.features.intro")}</p>
      <ul className="stack" aria-label={t("settings.features.state")}>
        {FEATURES.map((feature) => (
          <li key={feature}>
            <span className={saved[feature] ? "badge" : "badge badge--in-progress"}>{saved[feature] ? t("settings.features.on") : t("settings.features.inProgress")}</span>{" "}
            {t(`settings.features.names.${feature}`)}
          </li>
        ))}
      </ul>
      {canEdit && (
        <fieldset className="stack">
          <legend>{t("settings.features.switches")}</legend>
          {FEATURES.map((feature) => (
            <CheckboxField
              key={feature}
              label={t(`settings.features.names.${feature}`)}
              name={feature}
              checked={values[feature]}
              disabled={save.isPending}
              onChange={(event) => {
                const on = event.target.checked;
                setValues((current) => ({ ...current, [feature]: on }));
                setUnchanged(false);
                save.reset();
              }}
              hint={t(`settings.features.hints.${feature}`)}
            />
          ))}
        </fieldset>
      )}
      {canEdit && <SaveFeedback error={problem?.message ?? null} saved={save.isSuccess} unchanged={unchanged} busy={save.isPending} />}
    </form>
  );
}
