import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { moneyInputExample } from "@doorstep/web-shared/lib/format/parse-money";
import { LeasePicker } from "@/components/LeasePicker";
import { MoneyField } from "@/components/money/MoneyField";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { SelectField } from "@/components/ui/SelectField";
import { useMe } from "@/lib/auth/me";
import { useRole } from "@/lib/auth/permissions";
import { useLocale } from "@/lib/i18n/use-locale";
import { useTasks } from "../api/list-tasks";
import { useAssignTask, useAssignments, useCancelAssignment, useDownloadAssignmentDocument, type Assignment } from "../api/tenant-assignments";
import { EMPTY_ASSIGNMENT, readAssignmentForm, type AssignmentFormErrors, type AssignmentFormValues } from "./assignment-form";
import { StepProgress } from "./StepProgress";

export interface TenantTasksProps {
  tenantId: string;
  tenantName: string;
  hasPortalAccount: boolean;
}

/** "Assign a task": one of the agency's tasks, with the amount and the lease for a payment task. */
function AssignTaskForm({ tenantId, onDone }: { tenantId: string; onDone: (taskName: string) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const currency = me.data?.agency.currency ?? "EUR";
  const tasks = useTasks();
  const assign = useAssignTask(tenantId);
  const [values, setValues] = useState<AssignmentFormValues>(EMPTY_ASSIGNMENT);
  const [errors, setErrors] = useState<AssignmentFormErrors>({});
  // Archived tasks are no longer offered (the API refuses them).
  // A recurring rent set-up is asked for in onboarding; an account holder sets it up from the portal.
  const items = (tasks.data?.items ?? []).filter((item) => !item.archived && item.kind !== "recurring_setup");
  const task = items.find((item) => item.id === values.taskId);
  const server = assign.error === null ? undefined : describeProblem(assign.error, t, { fields: ["task_id", "amount", "lease_id"] });
  const fieldError = (field: keyof AssignmentFormErrors) => {
    const key = errors[field];
    return key === undefined ? server?.fieldErrors[field] : t(key);
  };

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = readAssignmentForm(values, task, currency, locale);
    if (!read.ok) {
      setErrors(read.errors);
      return;
    }
    setErrors({});
    assign.mutate(read.body, {
      onSuccess: () => {
        onDone(task?.name ?? "");
      },
    });
  }

  if (tasks.isPending) return <Loading />;
  if (tasks.isError) return <LoadError error={tasks.error} onRetry={() => void tasks.refetch()} />;
  return (
    <form onSubmit={submit} noValidate className="stack" aria-label={t("customers.assignments.assign")}>
      {server !== undefined && <Alert>{server.message}</Alert>}
      <SelectField
        label={t("customers.assignments.task")}
        name="task_id"
        required
        value={values.taskId}
        error={fieldError("task_id")}
        onChange={(event) => {
          setValues({ ...values, taskId: event.target.value });
        }}
      >
        <option value="">{t("form.choose")}</option>
        {items.map((item) => (
          <option key={item.id} value={item.id}>
            {item.name} ({t(`customers.tasks.kind.${item.kind}`)})
          </option>
        ))}
      </SelectField>
      {task?.kind === "payment" && (
        <>
          <MoneyField
            label={t("customers.assignments.amount", { currency })}
            hint={t("customers.invites.amountHint", { example: moneyInputExample(currency, locale) })}
            value={values.amount}
            error={fieldError("amount")}
            onChange={(amount) => {
              setValues({ ...values, amount });
            }}
          />
          <LeasePicker
            value={values.leaseId}
            error={fieldError("lease_id")}
            choosable={(lease) => lease.status === "active" && lease.tenants.some((party) => party.id === tenantId)}
            labels={{
              legend: t("customers.assignments.lease"),
              search: t("customers.invites.leaseSearch"),
              hint: t("customers.assignments.leaseHint"),
              noMatch: t("customers.invites.noLeaseMatch"),
              notChoosable: t("customers.assignments.notTheirLease"),
            }}
            onChange={(lease) => {
              setValues({ ...values, leaseId: lease.id });
            }}
          />
        </>
      )}
      <Button type="submit" busy={assign.isPending} busyLabel={t("customers.assignments.assigning")}>
        {t("customers.assignments.assignSubmit")}
      </Button>
    </form>
  );
}

function AssignmentItem({ assignment, tenantId, labels }: { assignment: Assignment; tenantId: string; labels: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const { can } = useRole();
  const cancel = useCancelAssignment(tenantId);
  const download = useDownloadAssignmentDocument(tenantId);
  const [confirming, setConfirming] = useState(false);
  const cancelError = cancel.error === null ? undefined : describeProblem(cancel.error, t).message;
  return (
    <li>
      <StepProgress step={{ ...assignment, done: assignment.status === "done" }} labels={labels} status={t(`customers.assignments.status.${assignment.status}`)}>
        {assignment.uploaded_file_name !== null && (
          <Button
            variant="secondary"
            busy={download.isPending}
            busyLabel={t("customers.assignments.downloading")}
            onClick={() => {
              download.mutate(assignment);
            }}
          >
            {t("customers.assignments.download", { file: assignment.uploaded_file_name })}
          </Button>
        )}
        {download.error !== null && <p className="field__error">{describeProblem(download.error, t).message}</p>}
        {assignment.status === "open" && can("onboarding:write") && (
          <Button
            variant="danger"
            aria-label={t("customers.assignments.cancelFor", { task: assignment.name })}
            onClick={() => {
              cancel.reset();
              setConfirming(true);
            }}
          >
            {t("customers.assignments.cancel")}
          </Button>
        )}
      </StepProgress>
      <ConfirmDialog
        open={confirming}
        title={t("customers.assignments.cancelTitle", { task: assignment.name })}
        confirmLabel={t("customers.assignments.cancelConfirm")}
        cancelLabel={t("customers.assignments.cancelKeep")}
        busyLabel={t("customers.assignments.cancelling")}
        busy={cancel.isPending}
        error={cancelError}
        danger
        onConfirm={() => {
          cancel.mutate(assignment.id, {
            onSuccess: () => {
              setConfirming(false);
            },
          });
        }}
        onCancel={() => {
          setConfirming(false);
        }}
      >
        <p>{t("customers.assignments.cancelBody")}</p>
      </ConfirmDialog>
    </li>
  );
}

/** The tenant's page, "Tasks": the tasks given to them with their progress and answers, "Assign a task", and cancelling an open one (issue 13: tasks are reusable). */
export function TenantTasks({ tenantId, tenantName, hasPortalAccount }: TenantTasksProps) {
  const { t } = useTranslation();
  const { can } = useRole();
  const assignments = useAssignments(tenantId);
  const tasks = useTasks();
  const [assigning, setAssigning] = useState(false);
  const [assigned, setAssigned] = useState<string | null>(null);
  const labels = (taskId: string) => new Map((tasks.data?.items.find((task) => task.id === taskId)?.fields ?? []).map((field) => [field.key, field.label]));

  return (
    <section aria-labelledby="tenant-tasks-heading" className="card">
      <div className="page-header">
        <h2 id="tenant-tasks-heading">{t("customers.assignments.title")}</h2>
        {can("onboarding:write") && hasPortalAccount && !assigning && (
          <Button
            variant="secondary"
            onClick={() => {
              setAssigned(null);
              setAssigning(true);
            }}
          >
            {t("customers.assignments.assign")}
          </Button>
        )}
      </div>
      {!hasPortalAccount && <p className="muted">{t("customers.assignments.noAccount", { name: tenantName })}</p>}
      {assigned !== null && (
        <p role="status" className="notice">
          {t("customers.assignments.assigned", { task: assigned, name: tenantName })}
        </p>
      )}
      {assigning && (
        <>
          <AssignTaskForm
            tenantId={tenantId}
            onDone={(taskName) => {
              setAssigning(false);
              setAssigned(taskName);
            }}
          />
          <Button
            variant="link"
            onClick={() => {
              setAssigning(false);
            }}
          >
            {t("customers.assignments.close")}
          </Button>
        </>
      )}
      {assignments.isPending ? (
        <Loading />
      ) : assignments.isError ? (
        <LoadError error={assignments.error} onRetry={() => void assignments.refetch()} />
      ) : assignments.data.items.length === 0 ? (
        <p className="muted">{t("customers.assignments.none")}</p>
      ) : (
        <ul className="onboarding-steps" aria-label={t("customers.assignments.listLabel")}>
          {assignments.data.items.map((assignment) => (
            <AssignmentItem key={assignment.id} assignment={assignment} tenantId={tenantId} labels={labels(assignment.task_id)} />
          ))}
        </ul>
      )}
    </section>
  );
}
