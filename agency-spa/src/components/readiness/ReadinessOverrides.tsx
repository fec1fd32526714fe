import { useTranslation } from "react-i18next";
import { useDateFormat } from "@/lib/format/use-date-format";
import { useReadinessOverrides } from "@/lib/api/readiness";
import { useLocale } from "@/lib/i18n/use-locale";
import { itemSentence } from "./readiness-text";

export interface ReadinessOverridesProps {
  tenantId?: string;
  leaseId?: string;
}

/**
 * On the record (seed 000: "document the outcome so the rest of the team can see it"): every
 * invite or payment link sent despite the readiness review, who sent it, when, why, and what was
 * blocking then. Shown only when there is something to show.
 */
export function ReadinessOverrides({ tenantId, leaseId }: ReadinessOverridesProps) {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const overrides = useReadinessOverrides({ ...(tenantId === undefined ? {} : { tenantId }), ...(leaseId === undefined ? {} : { leaseId }) });
  const items = overrides.data?.items ?? [];
  if (items.length === 0) return null;
  const exists = (key: string) => i18n.exists(key);
  return (
    <section aria-labelledby="readiness-overrides-heading" className="card">
      <h2 id="readiness-overrides-heading">{t("readiness.overrides.title")}</h2>
      <ul className="stack">
        {items.map((override) => (
          <li key={override.id}>
            <strong>{t(`readiness.overrides.action.${override.action}`)}</strong> —{" "}
            {t("readiness.overrides.by", {
              name: override.overridden_by_name,
              when: dates.instant(override.overridden_at),
            })}
            <blockquote>{override.reason}</blockquote>
            <p className="muted">{t("readiness.overrides.blocking")}</p>
            <ul>
              {override.blocking.map((item) => (
                <li key={item.key}>
                  {t(`readiness.items.${item.key}`)}: {itemSentence(item, t, exists, locale, dates)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
