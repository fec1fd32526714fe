import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { CheckboxField } from "@/components/ui/CheckboxField";
import { Details } from "@/components/ui/Details";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { SelectField } from "@/components/ui/SelectField";
import { TextAreaField } from "@/components/ui/TextAreaField";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useFormErrors } from "@/lib/hooks/use-form-errors";
import { useRole } from "@/lib/auth/permissions";
import { useLocale } from "@/lib/i18n/use-locale";
import { useMe } from "@/lib/auth/me";
import { useLeaseLookup } from "@/lib/api/lookups/lease";
import { useFollowUp } from "../api/get-follow-up";
import type { FollowUp, FollowUpOutcome } from "../api/list-follow-ups";
import { useReviewFollowUp, useUpdateFollowUp } from "../api/update-follow-up";
import { CollectionsNav } from "./CollectionsNav";
import { FollowUpStateBadge } from "./FollowUpStateBadge";
import { MessageText, OverdueInvoicesTable } from "./FollowUpPreviewPanel";
import { OUTCOMES } from "./outcomes";

function wasJustSent(state: unknown): boolean {
  return typeof state === "object" && state !== null && "sent" in state && state.sent === true;
}

export function FollowUpDetailPage({ followUpId }: { followUpId: string }) {
  const { t } = useTranslation();
  const followUp = useFollowUp(followUpId);
  if (followUp.isPending) return <Loading />;
  if (followUp.isError) {
    return (
      <>
        <PageHeading>{t("collections.followUp.detailTitle")}</PageHeading>
        <LoadError item error={followUp.error} onRetry={() => void followUp.refetch()} />
      </>
    );
  }
  return <FollowUpRecord followUp={followUp.data} />;
}

function FollowUpRecord({ followUp }: { followUp: FollowUp }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const location = useLocation();
  const lease = useLeaseLookup(followUp.lease_id);
  const when = (value: string) => dates.instant(value);
  const [notice, setNotice] = useState<string | null>(
    wasJustSent(location.state) ? t("collections.followUp.sentNotice", { count: followUp.recipients.length }) : null,
  );
  const place = lease.data === undefined ? t("collections.followUp.theLease") : `${lease.data.unit.name} · ${lease.data.unit.property_name}`;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/collections/follow-ups">{t("collections.followUp.backToList")}</Link>
      </p>
      <div className="page-header">
        <PageHeading documentTitle={t("collections.followUp.detailTitle")}>
          {t("collections.followUp.detailTitleOn", { date: when(followUp.sent_at) })}
        </PageHeading>
      </div>
      <CollectionsNav />
      <p>
        <FollowUpStateBadge followUp={followUp} />
      </p>
      <div role="status">{notice !== null && <p className="notice">{notice}</p>}</div>

      <section aria-labelledby="follow-up-sent" className="card">
        <h2 id="follow-up-sent">{t("collections.followUp.sentTitle")}</h2>
        <Details
          items={[
            { term: t("collections.followUp.leaseTerm"), description: <Link to={`/leases/${followUp.lease_id}`}>{place}</Link> },
            { term: t("collections.followUp.sentAt"), description: when(followUp.sent_at) },
            { term: t("collections.followUp.sentBy"), description: followUp.sent_by_name },
            { term: t("collections.followUp.channel"), description: t(`collections.followUp.channels.${followUp.channel}`) },
            {
              term: t("collections.followUp.recipients"),
              description: (
                <ul className="bare-list">
                  {followUp.recipients.map((recipient) => (
                    <li key={recipient.tenant_id}>
                      <Link to={`/tenants/${recipient.tenant_id}`}>{recipient.name}</Link> <span className="muted">{recipient.email}</span>
                    </li>
                  ))}
                </ul>
              ),
            },
            { term: t("collections.followUp.overdueThen"), description: formatMoney(followUp.overdue_total, followUp.currency, locale) },
            { term: t("collections.followUp.creditThen"), description: formatMoney(followUp.credit, followUp.currency, locale) },
            { term: t("collections.followUp.noteTerm"), description: <span className="pre-line">{followUp.note ?? t("collections.followUp.noNote")}</span> },
          ]}
        />
        <h3>{t("collections.followUp.invoicesTitle")}</h3>
        <OverdueInvoicesTable invoices={followUp.invoices} total={followUp.overdue_total} currency={followUp.currency} caption={t("collections.followUp.invoicesTitle")} />
        <h3>{t("collections.followUp.messageSent")}</h3>
        <MessageText
          message={{
            name: followUp.recipients.at(-1)?.name ?? "",
            email: followUp.recipients.at(-1)?.email ?? "",
            subject: followUp.subject,
            body: followUp.body,
          }}
        />
      </section>

      <OutcomeSection followUp={followUp} when={when} onSaved={setNotice} />
      <EscalationSection followUp={followUp} when={when} onSaved={setNotice} />
    </>
  );
}

const OUTCOME_FIELDS = ["outcome", "outcome_note", "escalate"] as const;
const REVIEW_FIELDS = ["note"] as const;

function OutcomeSection({ followUp, when, onSaved }: { followUp: FollowUp; when: (value: string) => string; onSaved: (notice: string) => void }) {
  const { t } = useTranslation();
  const canWrite = useRole().can("collections:write");
  const update = useUpdateFollowUp(followUp.id);
  const [outcome, setOutcome] = useState<FollowUpOutcome | "">(followUp.outcome ?? "");
  const [note, setNote] = useState(followUp.outcome_note ?? "");
  const [escalate, setEscalate] = useState(false);
  const { formRef, fieldErrors, summary, setClientErrors } = useFormErrors(update.error, { fields: OUTCOME_FIELDS });
  const headingRef = useRef<HTMLHeadingElement>(null);

  return (
    <section aria-labelledby="follow-up-outcome" className="card">
      <h2 id="follow-up-outcome" ref={headingRef} tabIndex={-1}>
        {t("collections.followUp.outcomeTitle")}
      </h2>
      {followUp.outcome_at === null ? (
        <p className="muted">{t("collections.followUp.noOutcome")}</p>
      ) : (
        <Details
          items={[
            { term: t("collections.followUp.outcome"), description: followUp.outcome === null ? "—" : t(`collections.outcomes.${followUp.outcome}`) },
            { term: t("collections.followUp.outcomeNote"), description: <span className="pre-line">{followUp.outcome_note ?? "—"}</span> },
            {
              term: t("collections.followUp.documentedBy"),
              description: t("collections.followUp.byOn", { name: followUp.outcome_by_name ?? "", date: when(followUp.outcome_at) }),
            },
          ]}
        />
      )}
      {canWrite && (
        <form
          ref={formRef}
          className="form stack"
          noValidate
          aria-label={t("collections.followUp.documentOutcome")}
          onSubmit={(event) => {
            event.preventDefault();
            if (outcome === "" && note.trim() === "" && !escalate) {
              setClientErrors({ outcome: t("collections.followUp.outcomeRequired") });
              return;
            }
            setClientErrors({});
            update.mutate(
              {
                ...(outcome === "" ? {} : { outcome }),
                ...(note.trim() === "" ? {} : { outcome_note: note.trim() }),
                escalate,
              },
              {
                onSuccess: () => {
                  setEscalate(false);
                  onSaved(escalate ? t("collections.followUp.escalatedNotice") : t("collections.followUp.outcomeSaved"));
                  headingRef.current?.focus();
                },
              },
            );
          }}
        >
          <h3>{t("collections.followUp.documentOutcome")}</h3>
          {summary !== undefined && <Alert>{summary}</Alert>}
          <SelectField
            label={t("collections.followUp.outcome")}
            name="outcome"
            value={outcome}
            error={fieldErrors.outcome}
            onChange={(event) => {
              setOutcome(event.target.value as FollowUpOutcome | "");
            }}
          >
            <option value="">{t("form.choose")}</option>
            {OUTCOMES.map((value) => (
              <option key={value} value={value}>
                {t(`collections.outcomes.${value}`)}
              </option>
            ))}
          </SelectField>
          <TextAreaField
            label={t("collections.followUp.outcomeNote")}
            hint={t("collections.followUp.outcomeNoteHint")}
            name="outcome_note"
            maxLength={2000}
            value={note}
            error={fieldErrors.outcome_note}
            onChange={(event) => {
              setNote(event.target.value);
            }}
          />
          <CheckboxField
            label={t("collections.followUp.escalate")}
            hint={followUp.awaiting_review ? t("collections.followUp.alreadyEscalated") : t("collections.followUp.escalateHint")}
            name="escalate"
            checked={escalate}
            disabled={followUp.awaiting_review}
            error={fieldErrors.escalate}
            onChange={(event) => {
              setEscalate(event.target.checked);
            }}
          />
          <div className="form-actions">
            <Button type="submit" busy={update.isPending} busyLabel={t("form.saving")}>
              {escalate ? t("collections.followUp.saveAndEscalate") : t("collections.followUp.saveOutcome")}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}

function EscalationSection({ followUp, when, onSaved }: { followUp: FollowUp; when: (value: string) => string; onSaved: (notice: string) => void }) {
  const { t } = useTranslation();
  const canReview = useRole().can("collections:review");
  const { data: me } = useMe();
  const fullName = me === undefined ? undefined : `${me.user.first_name} ${me.user.last_name}`;
  const review = useReviewFollowUp(followUp.id);
  const [note, setNote] = useState("");
  const { formRef, fieldErrors, summary, setClientErrors } = useFormErrors(review.error, { fields: REVIEW_FIELDS });
  if (followUp.escalated_at === null) return null;
  const escalatedByMe = fullName !== undefined && followUp.escalated_by_name === fullName;

  return (
    <section aria-labelledby="follow-up-escalation" className="card">
      <h2 id="follow-up-escalation">{t("collections.followUp.escalationTitle")}</h2>
      <p>{t("collections.followUp.escalatedBy", { name: followUp.escalated_by_name ?? "", date: when(followUp.escalated_at) })}</p>
      {followUp.reviewed_at !== null ? (
        <Details
          items={[
            {
              term: t("collections.followUp.reviewedBy"),
              description: t("collections.followUp.byOn", { name: followUp.reviewed_by_name ?? "", date: when(followUp.reviewed_at) }),
            },
            { term: t("collections.followUp.reviewNote"), description: <span className="pre-line">{followUp.review_note ?? ""}</span> },
          ]}
        />
      ) : (
        <p className="muted">{t("collections.followUp.awaitingReviewBy")}</p>
      )}
      {followUp.awaiting_review && canReview && !escalatedByMe && (
        <form
          ref={formRef}
          className="form stack"
          noValidate
          aria-label={t("collections.followUp.reviewTitleForm")}
          onSubmit={(event) => {
            event.preventDefault();
            if (note.trim() === "") {
              setClientErrors({ note: t("form.required") });
              return;
            }
            setClientErrors({});
            review.mutate(note.trim(), {
              onSuccess: () => {
                setNote("");
                onSaved(t("collections.followUp.reviewedNotice"));
              },
            });
          }}
        >
          {summary !== undefined && <Alert>{summary}</Alert>}
          <TextAreaField
            label={t("collections.followUp.reviewNote")}
            hint={t("collections.followUp.reviewNoteHint")}
            name="note"
            required
            maxLength={2000}
            value={note}
            error={fieldErrors.note}
            onChange={(event) => {
              setNote(event.target.value);
            }}
          />
          <div className="form-actions">
            <Button type="submit" busy={review.isPending} busyLabel={t("form.saving")}>
              {t("collections.followUp.recordReview")}
            </Button>
          </div>
        </form>
      )}
      {followUp.awaiting_review && canReview && escalatedByMe && <p className="muted">{t("collections.followUp.notYourOwn")}</p>}
    </section>
  );
}
