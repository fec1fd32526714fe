import { type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useQuery } from "@tanstack/react-query";
import { taskQueryOptions, useMyTask, useMyTasks, useSaveTask, type MyTask } from "../api/my-tasks";
import { StepBody } from "./StepForms";

/** While a payment task waits for its invoice to be paid, look again this often. */
const PAYMENT_POLL_MS = 3_000;

function TaskBadge({ task }: { task: MyTask }) {
  const { t } = useTranslation();
  return <span className={task.done ? "badge badge--money-success" : "badge badge--money-neutral"}>{task.done ? t("onboarding.done") : t("onboarding.toDo")}</span>;
}

function TaskList({ tasks, labelledBy }: { tasks: MyTask[]; labelledBy: string }) {
  return (
    <ul className="stack" aria-labelledby={labelledBy}>
      {tasks.map((task) => (
        <li key={task.id}>
          <Link to={`/tasks/${task.id}`}>{task.name}</Link> <TaskBadge task={task} />
        </li>
      ))}
    </ul>
  );
}

/** /portal/tasks: "To do", the tasks the agency gave the tenant and still open, then those done. */
export function MyTasksPage() {
  const { t } = useTranslation();
  const tasks = useMyTasks();
  if (tasks.isPending) return <p aria-busy="true">{t("app.loading")}</p>;
  if (tasks.isError) return <Alert>{describeProblem(tasks.error, t).message}</Alert>;
  const open = tasks.data.filter((task) => !task.done);
  const done = tasks.data.filter((task) => task.done);
  return (
    <>
      <header className="page-header">
        <h1 id="tasks-to-do">{t("onboarding.tasks.title")}</h1>
      </header>
      {open.length === 0 ? <p>{t("onboarding.tasks.none")}</p> : <TaskList tasks={open} labelledBy="tasks-to-do" />}
      {done.length > 0 && (
        <section className="section">
          <h2 id="tasks-done">{t("onboarding.tasks.doneTitle")}</h2>
          <TaskList tasks={done} labelledBy="tasks-done" />
        </section>
      )}
    </>
  );
}

export interface TaskPageProps {
  assignmentId: string;
  locale: string;
  /** The portal's card payment for a payment task's invoice (composed in by the route). */
  renderPayment: (invoiceId: string) => ReactNode;
}

function TaskBody({ task, locale, renderPayment }: { task: MyTask } & Omit<TaskPageProps, "assignmentId">) {
  const save = useSaveTask(task.id);
  return <StepBody step={task} save={save} locale={locale} renderPayment={renderPayment} onSaved={() => undefined} />;
}

/** /portal/tasks/:id: one task, done with the same step components and rules as the onboarding walk, saved on the server. */
export function TaskPage({ assignmentId, locale, renderPayment }: TaskPageProps) {
  const { t } = useTranslation();
  const task = useMyTask(assignmentId);
  // A card payment settles at the card processor: until the task shows paid, ask again.
  const waitingForPayment = task.data?.kind === "payment" && !task.data.done && task.data.invoice_id !== null;
  useQuery({ ...taskQueryOptions(assignmentId), refetchInterval: waitingForPayment ? PAYMENT_POLL_MS : false });

  if (task.isPending) return <p aria-busy="true">{t("app.loading")}</p>;
  if (task.isError) return <Alert>{describeProblem(task.error, t).message}</Alert>;
  const data = task.data;
  return (
    <>
      <header className="page-header">
        <h1>{data.name}</h1>
        <p>
          <TaskBadge task={data} />
        </p>
      </header>
      {data.status === "cancelled" ? (
        <p>{t("onboarding.tasks.cancelled")}</p>
      ) : (
        <section className="card" aria-label={data.name}>
          {data.done && data.kind !== "payment" && <p role="status">{t("onboarding.tasks.saved")}</p>}
          <TaskBody key={data.id} task={data} locale={locale} renderPayment={renderPayment} />
          <p className="muted">{t("onboarding.resumeLater")}</p>
        </section>
      )}
      <Link to="/tasks">{t("onboarding.tasks.back")}</Link>
    </>
  );
}

/** On the home screen while tasks are open: how many, and the way to them. */
export function TasksToDo() {
  const { t } = useTranslation();
  const tasks = useMyTasks();
  const open = (tasks.data ?? []).filter((task) => !task.done);
  if (open.length === 0) return null;
  return (
    <section className="card" aria-labelledby="tasks-reminder">
      <h2 id="tasks-reminder" className="card__title">
        {t("onboarding.tasks.title")}
      </h2>
      <p>{t("onboarding.tasks.count", { count: open.length })}</p>
      <TaskList tasks={open} labelledBy="tasks-reminder" />
      <Link className="button button--primary" to={open.length === 1 ? `/tasks/${open[0]?.id ?? ""}` : "/tasks"}>
        {t("onboarding.tasks.open")}
      </Link>
    </section>
  );
}
