import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { useDateFormat } from "@/lib/format/use-date-format";
import { CheckboxField } from "@/components/ui/CheckboxField";
import { SelectField } from "@/components/ui/SelectField";
import { TextAreaField } from "@/components/ui/TextAreaField";
import type { Checklist, ChecklistItem, OverrideChoice } from "@/lib/api/readiness";
import { useLocale } from "@/lib/i18n/use-locale";
import { fixPath, itemSentence } from "./readiness-text";

export interface ReadinessReviewProps {
  /** The review (undefined while it loads or when it could not be loaded). */
  checklist: Checklist | undefined;
  loading: boolean;
  failed: boolean;
  /** The lease chosen in the picker ("" = none chosen: the tenant's only active lease). */
  leaseId: string;
  onLeaseChange: (leaseId: string) => void;
  override: OverrideChoice;
  onOverrideChange: (override: OverrideChoice) => void;
  /** The server refused the send as not ready: offer "Send anyway" even without a review here. */
  refusedAsBlocked?: boolean;
  /** Shown under the reason when Send was pressed without one. */
  reasonError?: string | undefined;
  /** False where the action fixes the lease itself (a payment link: the invoice's lease). */
  leasePicker?: boolean;
}

/**
 * Seed 000's review, shown before the Send button of the invite dialog, the payment-link panel
 * and the panel that e-mails a payment link: each item with its status (blocking, warning, ok), a plain sentence and where to fix it;
 * a lease picker when the tenant is on several leases; and, while something blocks, "Send
 * anyway" with the reason the API records with who and when.
 */
export function ReadinessReview({
  checklist,
  loading,
  failed,
  leaseId,
  onLeaseChange,
  override,
  onOverrideChange,
  refusedAsBlocked = false,
  reasonError,
  leasePicker = true,
}: ReadinessReviewProps) {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const blocking = checklist?.blocking === true || refusedAsBlocked;
  const exists = (key: string) => i18n.exists(key);
  // Unique per review: the invoice page shows one for the link and one for its e-mail.
  const headingId = useId();

  return (
    <section aria-labelledby={headingId} className="card stack">
      <h2 id={headingId}>{t("readiness.title")}</h2>
      <p className="muted">{t("readiness.intro")}</p>
      {loading && <p role="status">{t("readiness.loading")}</p>}
      {failed && <Alert tone="warning">{t("readiness.loadError")}</Alert>}
      {leasePicker && checklist !== undefined && checklist.leases.length > 1 && (
        <SelectField
          label={t("readiness.lease.label")}
          hint={t("readiness.lease.hint")}
          name="readiness_lease_id"
          value={leaseId}
          onChange={(event) => {
            onLeaseChange(event.target.value);
          }}
        >
          <option value="">{t("readiness.lease.choose")}</option>
          {checklist.leases.map((lease) => (
            <option key={lease.id} value={lease.id}>
              {t("readiness.lease.option", {
                unit: lease.unit_name,
                property: lease.property_name,
                start: dates.date(lease.start_date),
                status:
                  lease.status === "draft" || lease.status === "active" || lease.status === "ended" || lease.status === "cancelled"
                    ? t(`leases.status.${lease.status}`).toLowerCase()
                    : lease.status,
              })}
            </option>
          ))}
        </SelectField>
      )}
      {checklist !== undefined && (
        <ul className="readiness__items" aria-label={t("readiness.title")}>
          {checklist.items.map((item) => {
            const path = fixPath(item);
            return (
              <li key={item.key} className="readiness__item" data-status={item.status}>
                <strong>{t(`readiness.items.${item.key}`)}</strong>
                <span className={`badge badge--readiness-${item.status}`}>{t(`readiness.status.${item.status}`)}</span>
                <span>
                  {itemSentence(item, t, exists, locale, dates)}
                  {path !== undefined && item.status !== "ok" && (
                    <>
                      {" "}
                      <Link to={path}>{t(`readiness.fix.${fixKind(item.fix)}`)}</Link>
                    </>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {checklist !== undefined && !blocking && <p role="status">{t("readiness.summary.ok")}</p>}
      {blocking && (
        <div className="stack">
          <Alert tone="warning">{t("readiness.summary.blocking")}</Alert>
          <CheckboxField
            label={t("readiness.override.label")}
            hint={t("readiness.override.hint")}
            name="readiness_override"
            checked={override.enabled}
            onChange={(event) => {
              onOverrideChange({ ...override, enabled: event.target.checked });
            }}
          />
          {override.enabled && (
            <TextAreaField
              label={t("readiness.override.reason")}
              name="readiness_override_reason"
              required
              maxLength={1000}
              value={override.reason}
              error={reasonError}
              onChange={(event) => {
                onOverrideChange({ ...override, reason: event.target.value });
              }}
            />
          )}
        </div>
      )}
    </section>
  );
}

function fixKind(fix: ChecklistItem["fix"]): "tenant" | "lease" | "invoice" | "settings" {
  const kind = fix?.kind;
  return kind === "lease" || kind === "invoice" || kind === "settings" ? kind : "tenant";
}
