import { useTranslation } from "react-i18next";
import type { TenantProfile } from "@/lib/auth/me";

/** Who the tenant is, as the agency recorded it (changes go through the agency). */
export function ProfileDetails({ profile }: { profile: TenantProfile }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="profile-details-title">
      <h2 id="profile-details-title" className="card__title">
        {t("profile.details")}
      </h2>
      <dl className="facts">
        <div className="facts__row">
          <dt>{t("profile.name")}</dt>
          <dd>
            {profile.first_name} {profile.last_name}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t("profile.email")}</dt>
          <dd className="break">{profile.email}</dd>
        </div>
        <div className="facts__row">
          <dt>{t("profile.agency")}</dt>
          <dd>{profile.agency.name}</dd>
        </div>
      </dl>
      <p className="muted small">{t("profile.changeViaAgency")}</p>
    </section>
  );
}
