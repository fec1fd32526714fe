import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { PageHeading } from "@/components/ui/PageHeading";

const SETTINGS_SECTIONS = ["agency", "trust-account", "features", "approvals", "team", "reminders"] as const;
type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

const SECTION_LABELS = {
  agency: "settings.sections.agency",
  "trust-account": "settings.sections.trustAccount",
  features: "settings.sections.features",
  approvals: "settings.sections.approvals",
  team: "settings.sections.team",
  reminders: "settings.sections.reminders",
} as const satisfies Record<SettingsSection, string>;

/**
 * Every settings section's page: the settings heading (the tab names the section), the sections'
 * tabs, and the section. A note says why the reader may only look, when their role cannot change it.
 */
export function SettingsFrame({ section, readOnlyNote, children }: { section: SettingsSection; readOnlyNote?: string | undefined; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="page-header">
        <PageHeading documentTitle={`${t(SECTION_LABELS[section])} · ${t("settings.title")}`}>{t("settings.title")}</PageHeading>
      </div>
      <nav className="subnav" aria-label={t("settings.sections.label")}>
        <ul>
          {SETTINGS_SECTIONS.map((name) => (
            <li key={name}>
              <NavLink to={`/settings/${name}`}>{t(SECTION_LABELS[name])}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <section className="stack" aria-labelledby={`settings-${section}-title`}>
        <h2 id={`settings-${section}-title`}>{t(SECTION_LABELS[section])}</h2>
        {readOnlyNote !== undefined && <p className="muted">{readOnlyNote}</p>}
        {children}
      </section>
    </>
  );
}
