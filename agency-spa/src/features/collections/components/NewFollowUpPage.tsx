import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { CheckboxField } from "@/components/ui/CheckboxField";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { SelectField } from "@/components/ui/SelectField";
import { TextAreaField } from "@/components/ui/TextAreaField";
import { ApiError, describeProblem } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import { useMe } from "@/lib/auth/me";
import { useRole } from "@/lib/auth/permissions";
import { useIdempotencyKey } from "@/lib/hooks/use-idempotency-key";
import { useLeaseLookup } from "@/lib/api/lookups/lease";
import { usePreviewFollowUp, type FollowUpPreview } from "../api/preview-follow-up";
import { useSendFollowUp } from "../api/send-follow-up";
import { useOtherActiveLeases } from "../api/tenant-other-leases";
import { CollectionsNav } from "./CollectionsNav";
import { FollowUpPreviewPanel } from "./FollowUpPreviewPanel";

type Lease = components["schemas"]["LeaseOut"];

/** /collections/follow-ups/new?lease_id=…: review, preview, send. */
export function NewFollowUpPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const leaseId = params.get("lease_id") ?? "";
  const lease = useLeaseLookup(leaseId);
  const { can, ready } = useRole();
  const canWrite = can("collections:write");

  const heading = (
    <div className="page-header">
      <PageHeading documentTitle={t("collections.followUp.newTitle")}>
        {lease.data === undefined
          ? t("collections.followUp.newTitle")
          : t("collections.followUp.newTitleFor", { unit: lease.data.unit.name, property: lease.data.unit.property_name })}
      </PageHeading>
    </div>
  );
  if (leaseId === "") {
    return (
      <>
        {heading}
        <CollectionsNav />
        <p className="empty">
          {t("collections.followUp.chooseLease")} <Link to="/collections/overdue">{t("collections.followUp.toOverdue")}</Link>
        </p>
      </>
    );
  }
  if (lease.isPending || !ready) return <Loading />;
  if (lease.isError) {
    return (
      <>
        {heading}
        <LoadError item error={lease.error} onRetry={() => void lease.refetch()} />
      </>
    );
  }
  return (
    <>
      <p className="breadcrumb">
        <Link to="/collections/overdue">{t("collections.followUp.backToOverdue")}</Link>
      </p>
      {heading}
      <CollectionsNav />
      {canWrite ? <FollowUpComposer lease={lease.data} /> : <Alert tone="info">{t("collections.followUp.readOnly")}</Alert>}
    </>
  );
}

interface Draft {
  tenantId: string;
  message: string;
  note: string;
}

function FollowUpComposer({ lease }: { lease: Lease }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const preview = usePreviewFollowUp();
  const send = useSendFollowUp();
  const attempt = useIdempotencyKey();
  const [draft, setDraft] = useState<Draft>({ tenantId: "", message: "", note: "" });
  const [confirmedLease, setConfirmedLease] = useState(false);
  const [confirmError, setConfirmError] = useState<string | undefined>(undefined);
  const tenantIds = lease.tenants.map((tenant) => tenant.id);
  const others = useOtherActiveLeases(tenantIds, lease.id);
  const place = `${lease.unit.name} · ${lease.unit.property_name}`;
  const needsConfirmation = others.others.length > 0;
  const canPayOnline = me?.features.tenant_portal === true && me.features.online_payments;

  /** Anything changed after the preview: the preview no longer shows what would be sent. */
  function change(next: Partial<Draft>) {
    setDraft({ ...draft, ...next });
    preview.reset();
    send.reset();
  }

  function requestBody() {
    return {
      lease_id: lease.id,
      tenant_id: draft.tenantId === "" ? null : draft.tenantId,
      message: draft.message.trim() === "" ? null : draft.message.trim(),
    };
  }

  function checkLease(): boolean {
    if (needsConfirmation && !confirmedLease) {
      setConfirmError(t("collections.followUp.confirmLeaseRequired"));
      return false;
    }
    setConfirmError(undefined);
    return true;
  }

  const previewProblem = preview.isError ? describeProblem(preview.error, t) : undefined;
  const sendProblem = send.isError ? describeProblem(send.error, t) : undefined;
  const recipients = draft.tenantId === "" ? lease.tenants : lease.tenants.filter((tenant) => tenant.id === draft.tenantId);

  return (
    <div className="follow-up">
      <section aria-labelledby="follow-up-review" className="card">
        <h2 id="follow-up-review">{t("collections.followUp.reviewTitle")}</h2>
        <ol className="steps" aria-label={t("collections.followUp.stepsLabel")}>
          <li>{t("collections.followUp.steps.open")}</li>
          <li>{t("collections.followUp.steps.review")}</li>
          <li>{t("collections.followUp.steps.act")}</li>
          <li>{t("collections.followUp.steps.document")}</li>
          <li>{t("collections.followUp.steps.escalate")}</li>
        </ol>
        <p>
          {t("collections.followUp.leaseLine")} <Link to={`/leases/${lease.id}`}>{place}</Link> — {lease.unit.address}
        </p>
        <ul className="bare-list">
          {lease.tenants.map((tenant) => (
            <li key={tenant.id}>
              <Link to={`/tenants/${tenant.id}`}>
                {tenant.first_name} {tenant.last_name}
              </Link>{" "}
              <span className="muted">{tenant.email}</span>
            </li>
          ))}
        </ul>
        <p className="muted">
          {t("collections.followUp.payOnline")}{" "}
          {canPayOnline ? (
            <span className="badge badge--active">{t("collections.feature.enabled")}</span>
          ) : (
            <span className="badge badge--draft">{t("collections.feature.inProgress")}</span>
          )}
        </p>
        {needsConfirmation && (
          <Alert tone="warning">
            <p className="alert__text">{t("collections.followUp.severalLeases", { place })}</p>
            <ul>
              {others.others.map(({ tenantId, lease: other }) => {
                const tenant = lease.tenants.find((candidate) => candidate.id === tenantId);
                return (
                  <li key={`${tenantId}-${other.id}`}>
                    {tenant === undefined ? "" : `${tenant.first_name} ${tenant.last_name}: `}
                    <Link to={`/leases/${other.id}`}>
                      {other.unit.name} · {other.unit.property_name}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </Alert>
        )}
      </section>

      <form
        className="form card"
        aria-labelledby="follow-up-compose"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!checkLease()) return;
          send.reset();
          preview.mutate(requestBody());
        }}
      >
        <h2 id="follow-up-compose">{t("collections.followUp.composeTitle")}</h2>
        <div className="stack">
          {needsConfirmation && (
            <CheckboxField
              label={t("collections.followUp.confirmLease", { place })}
              name="confirm_lease"
              checked={confirmedLease}
              error={confirmError}
              onChange={(event) => {
                setConfirmedLease(event.target.checked);
                setConfirmError(undefined);
              }}
            />
          )}
          <SelectField
            label={t("collections.followUp.recipients")}
            name="tenant_id"
            value={draft.tenantId}
            onChange={(event) => {
              change({ tenantId: event.target.value });
            }}
          >
            <option value="">{t("collections.followUp.allTenants", { count: lease.tenants.length })}</option>
            {lease.tenants.length > 1 &&
              lease.tenants.map((tenant) => (
                <option key={tenant.id} value={tenant.id}>
                  {t("collections.followUp.onlyTenant", { name: `${tenant.first_name} ${tenant.last_name}` })}
                </option>
              ))}
          </SelectField>
          <TextAreaField
            label={t("collections.followUp.message")}
            hint={t("collections.followUp.messageHint")}
            name="message"
            maxLength={2000}
            value={draft.message}
            onChange={(event) => {
              change({ message: event.target.value });
            }}
          />
          <TextAreaField
            label={t("collections.followUp.note")}
            hint={t("collections.followUp.noteHint")}
            name="note"
            maxLength={2000}
            value={draft.note}
            onChange={(event) => {
              setDraft({ ...draft, note: event.target.value });
              send.reset();
            }}
          />
          {previewProblem !== undefined && <ProblemAlert problem={previewProblem.message} error={preview.error} />}
          <div className="form-actions">
            <Button type="submit" variant={preview.isSuccess ? "secondary" : "primary"} busy={preview.isPending} busyLabel={t("collections.followUp.previewing")}>
              {preview.isSuccess ? t("collections.followUp.previewAgain") : t("collections.followUp.preview")}
            </Button>
          </div>
        </div>
      </form>

      {preview.isSuccess && (
        <section aria-labelledby="follow-up-preview" className="card">
          <h2 id="follow-up-preview" tabIndex={-1} ref={focusOnMount}>
            {t("collections.followUp.previewTitle")}
          </h2>
          <FollowUpPreviewPanel preview={preview.data} />
          {sendProblem !== undefined && (
            <ProblemAlert problem={sendProblem.message} error={send.error} retry={t("collections.followUp.retryHint")} />
          )}
          <div className="form-actions">
            <Button
              busy={send.isPending}
              busyLabel={t("collections.followUp.sending")}
              onClick={() => {
                if (!checkLease()) return;
                const body = { ...requestBody(), channel: "email" as const, note: draft.note.trim() === "" ? null : draft.note.trim() };
                send.mutate(
                  { body, idempotencyKey: attempt.keyFor(body) },
                  {
                    onSuccess: (followUp) => {
                      attempt.reset();
                      void navigate(`/collections/follow-ups/${followUp.id}`, { state: { sent: true } });
                    },
                  },
                );
              }}
            >
              {t("collections.followUp.send", { count: previewRecipients(preview.data, recipients.length) })}
            </Button>
          </div>
        </section>
      )}
    </div>
  );
}

/** Moves focus to the preview once, when it appears (a ref callback that stays the same, so typing a note after it does not pull focus back). */
function focusOnMount(node: HTMLElement | null) {
  node?.focus();
}

function previewRecipients(preview: FollowUpPreview, fallback: number): number {
  return preview.messages.length > 0 ? preview.messages.length : fallback;
}

/**
 * The API's problem. When it lists what is missing (the agency's bank details or contact for a
 * clear message), each item is on a line of its own; after a failure the server may not have
 * answered, the retry hint says trying again is safe (same Idempotency-Key).
 */
function ProblemAlert({ problem, error, retry }: { problem: string; error: unknown; retry?: string }) {
  const listed = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  const status = error instanceof ApiError ? error.status : undefined;
  return (
    <Alert>
      <p className="alert__text">{listed.length > 0 && error instanceof ApiError ? (error.problem.title ?? problem) : problem}</p>
      {listed.length > 0 && (
        <ul>
          {listed.map((item) => (
            <li key={item.field}>{item.message}</li>
          ))}
        </ul>
      )}
      {retry !== undefined && (status === undefined || status >= 500) && <p className="alert__text">{retry}</p>}
    </Alert>
  );
}
