import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { Field } from "@doorstep/web-shared/components/ui/Field";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { newIdempotencyKey } from "@doorstep/web-shared/lib/api/idempotency-key";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { SelectField } from "@/components/ui/SelectField";
import { BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH, useLeasesToWriteAbout, useStartConversation } from "../api/messages";

type FormField = "lease_id" | "tenant_id" | "subject" | "body";

/**
 * /messages/new?lease=&tenant=: write to a tenant, started from a lease's page (the lease's
 * tenants offered) or from a tenant's page (their running and ended leases offered).
 */
export function NewConversationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const givenLease = params.get("lease") ?? "";
  const givenTenant = params.get("tenant") ?? "";
  const leases = useLeasesToWriteAbout({ leaseId: givenLease, tenantId: givenTenant });
  const start = useStartConversation();
  const [picked, setPicked] = useState({ leaseId: givenLease, tenantId: givenTenant, subject: "", body: "" });
  const [missing, setMissing] = useState<Partial<Record<FormField, true>>>({});
  const [attemptKey, setAttemptKey] = useState(newIdempotencyKey);
  const problem = start.isError ? describeProblem(start.error, t, { fields: ["lease_id", "tenant_id", "subject", "body"] }) : undefined;

  if (givenLease === "" && givenTenant === "")
    return (
      <>
        <PageHeading>{t("messages.new.title")}</PageHeading>
        <p>{t("messages.new.fromWhere")}</p>
        <p>
          <Link to="/leases">{t("messages.new.toLeases")}</Link> · <Link to="/tenants">{t("messages.new.toTenants")}</Link>
        </p>
      </>
    );
  if (leases.isPending) return <Loading />;
  if (leases.isError) return <LoadError error={leases.error} onRetry={() => void leases.refetch()} />;
  const leaseId = picked.leaseId !== "" ? picked.leaseId : leases.data.length === 1 ? (leases.data[0]?.id ?? "") : "";
  const lease = leases.data.find((candidate) => candidate.id === leaseId);
  const tenants = lease?.tenants ?? [];
  const tenantId = picked.tenantId !== "" ? picked.tenantId : tenants.length === 1 ? (tenants[0]?.id ?? "") : "";
  const fieldError = (field: FormField): string | undefined => (missing[field] ? t(`messages.new.errors.${field}`) : problem?.fieldErrors[field]);

  function change(patch: Partial<typeof picked>, field: FormField) {
    setPicked((current) => ({ ...current, ...patch }));
    setMissing((current) => ({ ...current, [field]: undefined }));
    if (start.isError) start.reset();
    setAttemptKey(newIdempotencyKey());
  }

  function send(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Partial<Record<FormField, true>> = {};
    if (leaseId === "") found.lease_id = true;
    if (tenantId === "") found.tenant_id = true;
    if (picked.subject.trim() === "") found.subject = true;
    if (picked.body.trim() === "") found.body = true;
    if (Object.keys(found).length > 0) {
      setMissing(found);
      return;
    }
    start.mutate(
      { leaseId, tenantId, subject: picked.subject, body: picked.body, idempotencyKey: attemptKey },
      { onSuccess: (conversation) => void navigate(`/messages/${conversation.id}`) },
    );
  }

  const generalProblem = problem !== undefined && Object.keys(problem.fieldErrors).length === 0 ? problem.message : undefined;
  return (
    <>
      <p className="back-link">
        <Link to="/messages">← {t("messages.back")}</Link>
      </p>
      <PageHeading>{t("messages.new.title")}</PageHeading>
      <p className="muted">{t("messages.new.intro")}</p>
      {leases.data.length === 0 ? (
        <p className="empty">{t("messages.new.noLease")}</p>
      ) : (
        <form className="stack form" onSubmit={send} noValidate>
          <SelectField label={t("messages.new.lease")} name="lease_id" value={leaseId} error={fieldError("lease_id")} onChange={(e) => { change({ leaseId: e.target.value, tenantId: "" }, "lease_id"); }}>
            <option value="">{t("messages.new.chooseLease")}</option>
            {leases.data.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.unit.name} · {candidate.unit.property_name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("messages.new.tenant")} name="tenant_id" value={tenantId} error={fieldError("tenant_id")} onChange={(e) => { change({ tenantId: e.target.value }, "tenant_id"); }}>
            <option value="">{t("messages.new.chooseTenant")}</option>
            {tenants.map((tenant) => (
              <option key={tenant.id} value={tenant.id}>
                {tenant.first_name} {tenant.last_name}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t("messages.fields.subject")}
            name="subject"
            maxLength={SUBJECT_MAX_LENGTH}
            value={picked.subject}
            error={fieldError("subject")}
            onChange={(e) => { change({ subject: e.target.value }, "subject"); }}
          />
          <Field label={t("messages.new.body")} hint={t("messages.replyHint")} error={fieldError("body")}>
            {(control) => (
              <textarea {...control} name="body" rows={6} className="field__input" maxLength={BODY_MAX_LENGTH} value={picked.body} onChange={(e) => { change({ body: e.target.value }, "body"); }} />
            )}
          </Field>
          {generalProblem !== undefined && <Alert>{generalProblem}</Alert>}
          <div className="form-actions">
            <Button type="submit" busy={start.isPending} busyLabel={t("messages.sending")}>
              {t("messages.send")}
            </Button>
          </div>
        </form>
      )}
    </>
  );
}
