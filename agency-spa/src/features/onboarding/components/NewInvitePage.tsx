import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { minorUnitExponent } from "@doorstep/web-shared/lib/format/money";
import { moneyInputExample } from "@doorstep/web-shared/lib/format/parse-money";
import { problemSlug } from "@doorstep/web-shared/lib/api/problem";
import { LeasePicker } from "@/components/LeasePicker";
import { MoneyField } from "@/components/money/MoneyField";
import { ReadinessReview } from "@/components/readiness/ReadinessReview";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { SelectField } from "@/components/ui/SelectField";
import { useLeaseLookup } from "@/lib/api/lookups/lease";
import { useTenantLookup } from "@/lib/api/lookups/tenant";
import { NO_OVERRIDE, overrideBody, sendAllowed, useChecklist, type OverrideChoice } from "@/lib/api/readiness";
import { useMe } from "@/lib/auth/me";
import { useRole } from "@/lib/auth/permissions";
import { useFormErrors } from "@/lib/hooks/use-form-errors";
import { useLocale } from "@/lib/i18n/use-locale";
import { useCreateInvite } from "../api/create-invite";
import { useFlows } from "../api/list-flows";
import { EMPTY_INVITE, inviteProblemFields, needsLease, paymentSteps, readInviteForm, type InviteFormValues } from "./invite-form";

const FIELDS = ["first_name", "last_name", "email", "flow_id", "lease_id"] as const;

/**
 * Seed 001's "Invite User": first name, last name, e-mail and an onboarding flow; when the flow
 * has payment steps, a "Payment Amounts" section asks for each amount, and the lease they are
 * invoiced on. "Send Invite" e-mails the magic link. Opened from a tenant's page (`?tenant=`) or a
 * lease's (`?tenant=&lease=`), it is filled in from the record, which the account is linked to,
 * and shows seed 000's readiness review before Send: a blocking item disables Send unless
 * "Send anyway" has a reason.
 */
export function NewInvitePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const locale = useLocale();
  const { role, can } = useRole();
  const me = useMe();
  const flows = useFlows();
  const create = useCreateInvite();
  const [params] = useSearchParams();
  const tenantId = params.get("tenant") ?? "";
  const fixedLeaseId = params.get("lease") ?? "";
  const tenant = useTenantLookup(tenantId);
  const fixedLease = useLeaseLookup(fixedLeaseId);
  const [values, setValues] = useState<InviteFormValues>({
    ...EMPTY_INVITE,
    tenantId,
    leaseId: fixedLeaseId,
    leaseFixed: fixedLeaseId !== "",
  });
  const [override, setOverride] = useState<OverrideChoice>(NO_OVERRIDE);
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const checklist = useChecklist(tenantId, "invite", values.leaseId);
  const refusedAsBlocked = problemSlug(create.error) === "readiness-blocked";
  const blocking = checklist.data?.blocking === true || refusedAsBlocked;
  const record = tenant.data;
  // Filled in from the record once it is read (during render, not in an effect, so the first
  // painted form already holds it); staff may still correct the names or address.
  const [prefilledFrom, setPrefilledFrom] = useState("");
  if (record !== undefined && prefilledFrom !== record.id) {
    setPrefilledFrom(record.id);
    setValues((previous) => ({
      ...previous,
      firstName: previous.firstName === "" ? record.first_name : previous.firstName,
      lastName: previous.lastName === "" ? record.last_name : previous.lastName,
      email: previous.email === "" ? record.email : previous.email,
    }));
  }
  const { formRef, fieldErrors, summary, setClientErrors } = useFormErrors<string>(create.error, {
    fields: FIELDS,
    byType: inviteProblemFields(t),
  });
  const [amountErrors, setAmountErrors] = useState<Record<string, string>>({});
  const currency = me.data?.agency.currency ?? "EUR";
  const flow = flows.data?.items.find((candidate) => candidate.id === values.flowId);
  const payments = paymentSteps(flow);
  const leaseNeeded = needsLease(flow);

  function set<K extends keyof InviteFormValues>(key: K, value: InviteFormValues[K]) {
    setValues((previous) => ({ ...previous, [key]: value }));
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = readInviteForm(values, flow, currency, locale);
    if (!read.ok) {
      const params = { currency, example: moneyInputExample(currency, locale), count: minorUnitExponent(currency) };
      const translated = Object.fromEntries(Object.entries(read.errors).map(([field, key]) => [field, t(key, params)]));
      setAmountErrors(translated);
      setClientErrors(translated);
      return;
    }
    setAmountErrors({});
    setClientErrors({});
    if (!sendAllowed(blocking, override)) {
      setReasonError(t("readiness.override.required"));
      return;
    }
    setReasonError(undefined);
    const body = {
      ...read.body,
      lease_id: read.body.lease_id ?? (tenantId !== "" && values.leaseId !== "" ? values.leaseId : null),
      readiness_override: overrideBody(override),
    };
    create.mutate(body, {
      onSuccess: (invite) => {
        void navigate(`/customers/invites/${invite.id}`, { state: { sent: true } });
      },
    });
  }

  if (role === undefined || flows.isPending || (tenantId !== "" && tenant.isPending)) return <Loading />;
  if (!can("onboarding:write")) return <Alert>{t("errors.forbidden")}</Alert>;
  if (flows.isError) return <LoadError error={flows.error} onRetry={() => void flows.refetch()} />;
  if (tenant.isError) return <LoadError error={tenant.error} onRetry={() => void tenant.refetch()} />;
  const flowItems = flows.data.items;
  const recordName = record === undefined ? "" : `${record.first_name} ${record.last_name}`;
  const leaseName = fixedLease.data === undefined ? "" : `${fixedLease.data.unit.name} · ${fixedLease.data.unit.property_name}`;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/customers/invites">{t("customers.invites.back")}</Link>
      </p>
      <PageHeading>{t("customers.invites.newTitle")}</PageHeading>
      {record !== undefined && !record.has_portal_account && (
        <Alert tone="info">
          {t("customers.invites.forTenant", { name: recordName })}
          {leaseName !== "" && <> {t("customers.invites.forLease", { lease: leaseName })}</>}
        </Alert>
      )}
      {record?.has_portal_account === true ? (
        <Alert tone="info">{t("customers.invites.hasAccount", { name: recordName })}</Alert>
      ) : flowItems.length === 0 ? (
        <p className="empty">
          {t("customers.invites.noFlows")} <Link to="/customers/flows">{t("customers.flows.title")}</Link>
        </p>
      ) : (
        <form ref={formRef} onSubmit={submit} noValidate className="stack form">
          {summary !== undefined && <Alert>{summary}</Alert>}
          <div className="form-row">
            <TextField
              label={t("customers.fields.firstName")}
              name="first_name"
              autoComplete="off"
              required
              value={values.firstName}
              error={fieldErrors.first_name}
              onChange={(event) => {
                set("firstName", event.target.value);
              }}
            />
            <TextField
              label={t("customers.fields.lastName")}
              name="last_name"
              autoComplete="off"
              required
              value={values.lastName}
              error={fieldErrors.last_name}
              onChange={(event) => {
                set("lastName", event.target.value);
              }}
            />
          </div>
          <TextField
            label={t("customers.fields.email")}
            name="email"
            type="email"
            inputMode="email"
            autoComplete="off"
            required
            value={values.email}
            error={fieldErrors.email}
            onChange={(event) => {
              set("email", event.target.value);
            }}
          />
          <SelectField
            label={t("customers.fields.flow")}
            hint={t("customers.invites.flowHint")}
            name="flow_id"
            required
            value={values.flowId}
            error={fieldErrors.flow_id}
            onChange={(event) => {
              set("flowId", event.target.value);
            }}
          >
            <option value="">{t("form.choose")}</option>
            {flowItems.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </SelectField>
          {payments.length > 0 && (
            <fieldset className="fieldset">
              <legend>{t("customers.invites.paymentAmounts")}</legend>
              {payments.map((step, index) => {
                const path = `payment_amounts.${index}.amount`;
                return (
                  <MoneyField
                    key={step.position}
                    label={t("customers.invites.amountFor", { step: step.task.name, currency })}
                    hint={t("customers.invites.amountHint", { example: moneyInputExample(currency, locale) })}
                    name={`amount_${step.position}`}
                    value={values.amounts[step.position] ?? ""}
                    error={amountErrors[path]}
                    onChange={(value) => {
                      set("amounts", { ...values.amounts, [step.position]: value });
                    }}
                  />
                );
              })}
            </fieldset>
          )}
          {flow?.has_recurring_steps === true && <p className="muted">{t("customers.invites.recurringStepNote")}</p>}
          {leaseNeeded && (
            <LeasePicker
              value={values.leaseId}
              error={fieldErrors.lease_id}
              choosable={(lease) => lease.status === "active"}
              labels={{
                legend: t("customers.invites.lease"),
                search: t("customers.invites.leaseSearch"),
                hint: t("customers.invites.leaseSearchHint"),
                noMatch: t("customers.invites.noLeaseMatch"),
              }}
              onChange={(lease) => {
                set("leaseId", lease.id);
              }}
            />
          )}
          {(tenantId !== "" || refusedAsBlocked) && (
            <ReadinessReview
              checklist={tenantId === "" ? undefined : checklist.data}
              loading={tenantId !== "" && checklist.isPending}
              failed={checklist.isError}
              leaseId={values.leaseId}
              onLeaseChange={(leaseId) => {
                set("leaseId", leaseId);
              }}
              override={override}
              onOverrideChange={setOverride}
              refusedAsBlocked={refusedAsBlocked}
              reasonError={reasonError}
            />
          )}
          <div className="form-actions">
            <Button
              type="submit"
              busy={create.isPending}
              busyLabel={t("customers.invites.sending")}
              disabled={!sendAllowed(blocking, override)}
            >
              {t("customers.invites.send")}
            </Button>
          </div>
        </form>
      )}
    </>
  );
}
