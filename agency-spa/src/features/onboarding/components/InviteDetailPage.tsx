import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { useDateFormat } from "@/lib/format/use-date-format";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useInvite, type InviteStep } from "../api/get-invite";
import { useTasks } from "../api/list-tasks";
import { InviteActions } from "./InviteActions";
import { InviteStatusBadge } from "./InviteStatusBadge";
import { StepProgress } from "./StepProgress";

/** A recurring rent set-up step: set up with what and when (and whether it still runs), or why it no longer blocks. */
function RecurringState({ step }: { step: InviteStep }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const recurring = step.recurring;
  if (recurring === null) return null;
  if (recurring.set_up && recurring.setup_id !== null && recurring.set_up_at !== null) {
    return (
      <p>
        {t("customers.invites.recurringSetUp", {
          method: t(`customers.invites.recurringMethod.${recurring.method ?? "card"}`),
          label: recurring.payment_method_label ?? "",
          when: dates.instant(recurring.set_up_at),
        })}
        {!recurring.setup_active && <> {t("customers.invites.recurringStopped")}</>}{" "}
        <Link to={`/recurring-payments/${recurring.setup_id}`}>{t("customers.invites.openRecurring")}</Link>
      </p>
    );
  }
  if (!recurring.offered) return <p>{t("customers.invites.recurringOff")}</p>;
  return <p className="muted">{t("customers.invites.recurringWaiting")}</p>;
}

/** One invite: who, which flow, its status and link dates, and the invitee's progress and answers step by step. */
export function InviteDetailPage({ inviteId }: { inviteId: string }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const location = useLocation();
  const invite = useInvite(inviteId);
  const tasks = useTasks();
  const sent = (location.state as { sent?: boolean } | null)?.sent === true;

  if (invite.isPending) return <Loading />;
  if (invite.isError) return <LoadError error={invite.error} item onRetry={() => void invite.refetch()} />;
  const data = invite.data;
  const name = `${data.first_name} ${data.last_name}`;
  const fieldLabels = (taskId: string) =>
    new Map((tasks.data?.items.find((task) => task.id === taskId)?.fields ?? []).map((field) => [field.key, field.label]));

  return (
    <>
      <p className="breadcrumb">
        <Link to="/customers/invites">{t("customers.invites.back")}</Link>
      </p>
      <PageHeading documentTitle={name}>{t("customers.invites.detailTitle", { name })}</PageHeading>
      {sent && (
        <p role="status" className="notice">
          {t("customers.invites.sent", { email: data.email })}
        </p>
      )}
      <dl className="details">
        <div>
          <dt>{t("customers.fields.email")}</dt>
          <dd>{data.email}</dd>
        </div>
        <div>
          <dt>{t("customers.fields.flow")}</dt>
          <dd>{data.flow_name}</dd>
        </div>
        <div>
          <dt>{t("customers.fields.status")}</dt>
          <dd>
            <InviteStatusBadge status={data.status} />
          </dd>
        </div>
        <div>
          <dt>{t("customers.fields.sent")}</dt>
          <dd>{dates.instant(data.sent_at)}</dd>
        </div>
        <div>
          <dt>{t("customers.fields.expires")}</dt>
          <dd>{dates.instant(data.expires_at)}</dd>
        </div>
        <div>
          <dt>{t("customers.fields.reminders")}</dt>
          <dd>{data.reminders_sent}</dd>
        </div>
        {data.used_at !== null && (
          <div>
            <dt>{t("customers.fields.used")}</dt>
            <dd>{dates.instant(data.used_at)}</dd>
          </div>
        )}
        {data.cancelled_at !== null && (
          <div>
            <dt>{t("customers.fields.cancelled")}</dt>
            <dd>{dates.instant(data.cancelled_at)}</dd>
          </div>
        )}
        {data.tenant_id !== null && (
          <div>
            <dt>{t("customers.fields.tenant")}</dt>
            <dd>
              <Link to={`/tenants/${data.tenant_id}`}>{name}</Link>
            </dd>
          </div>
        )}
        {data.lease_id !== null && (
          <div>
            <dt>{t("customers.invites.lease")}</dt>
            <dd>
              <Link to={`/leases/${data.lease_id}`}>{t("customers.invites.openLease")}</Link>
            </dd>
          </div>
        )}
      </dl>
      <InviteActions invite={data} />
      <section aria-labelledby="invite-steps">
        <h2 id="invite-steps">{t("customers.invites.progressTitle", { done: data.steps_done, total: data.steps_total })}</h2>
        <progress max={data.steps_total} value={data.steps_done} aria-label={t("customers.fields.progress")} />
        <ol className="onboarding-steps">
          {data.steps.map((step) => (
            <li key={step.position}>
              <StepProgress step={step} labels={fieldLabels(step.task_id)} />
              <RecurringState step={step} />
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
