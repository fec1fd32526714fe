import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { CheckboxField } from "@/components/ui/CheckboxField";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { SelectField } from "@/components/ui/SelectField";
import { TextAreaField } from "@/components/ui/TextAreaField";
import { useMe } from "@/lib/auth/me";
import { useRole } from "@/lib/auth/permissions";
import { useFormErrors } from "@/lib/hooks/use-form-errors";
import { useTasks, type OnboardingTask, type TaskKind } from "../api/list-tasks";
import { useArchiveTask, useCreateTask, useSetTaskOnboarding, useUpdateTask } from "../api/save-task";
import { CustomersNav } from "./CustomersNav";
import { RowEditArchive } from "./RowEditArchive";
import { EMPTY_TASK, offeredTaskKinds, readTaskForm, TASK_KINDS, taskFormValues, taskUpdateBody, type TaskFormValues } from "./task-form";

const FIELDS = ["name", "kind", "fields", "document_label", "text", "description"] as const;

/** What a task asks, in a few words: its fields, its document, its text's version. */
function TaskSummary({ task }: { task: OnboardingTask }) {
  const { t } = useTranslation();
  if (task.kind === "form") return <>{task.fields.map((field) => field.label).join(", ")}</>;
  if (task.kind === "document_upload") return <>{task.document_label}</>;
  if (task.kind === "read_and_accept") return <>{t("customers.tasks.textVersion", { version: task.text_version })}</>;
  if (task.kind === "recurring_setup") return <>{t("customers.tasks.recurringSummary")}</>;
  return <>{task.description ?? t("customers.tasks.amountPerInvite")}</>;
}

/**
 * A new task, or (with `task`) the edit of one: its name, what it asks and "Is Onboarding"; the
 * kind of an existing task stays as it is (the API does not change it).
 */
function TaskForm({ task, onSaved, onCancel }: { task?: OnboardingTask; onSaved?: (name: string) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const create = useCreateTask();
  const update = useUpdateTask();
  const save = task === undefined ? create : update;
  const blank = task === undefined ? EMPTY_TASK : taskFormValues(task, t("customers.tasks.optionalWord"));
  const [values, setValues] = useState<TaskFormValues>(blank);
  const [created, setCreated] = useState<string | null>(null);
  const { formRef, fieldErrors, summary, setClientErrors } = useFormErrors<(typeof FIELDS)[number]>(save.error, { fields: FIELDS });
  const me = useMe();
  // Recurring rent set-up comes with the agency's online payments (the API refuses it otherwise).
  const recurringOn = me.data?.features.online_payments === true;
  const kinds = task === undefined ? offeredTaskKinds(recurringOn) : TASK_KINDS;

  function set<K extends keyof TaskFormValues>(key: K, value: TaskFormValues[K]) {
    setValues((previous) => ({ ...previous, [key]: value }));
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    const read = readTaskForm(values);
    if (!read.ok) {
      setClientErrors(Object.fromEntries(Object.entries(read.errors).map(([field, key]) => [field, t(key)])));
      return;
    }
    setClientErrors({});
    if (task !== undefined) {
      update.mutate({ taskId: task.id, body: taskUpdateBody(read.body) }, { onSuccess: (saved) => onSaved?.(saved.name) });
      return;
    }
    create.mutate(read.body, {
      onSuccess: (made) => {
        setCreated(made.name);
        setValues(EMPTY_TASK);
      },
    });
  }

  const headingId = task === undefined ? "new-task" : `edit-task-${task.id}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{task === undefined ? t("customers.tasks.new") : t("customers.tasks.editTitle", { name: task.name })}</h2>
      {task !== undefined && <p className="muted">{t("customers.tasks.editNote")}</p>}
      <form ref={formRef} onSubmit={submit} noValidate className="stack form">
        {summary !== undefined && <Alert>{summary}</Alert>}
        {created !== null && (
          <p role="status" className="notice">
            {t("customers.tasks.created", { name: created })}
          </p>
        )}
        <TextField
          label={t("customers.tasks.fields.name")}
          name="name"
          required
          autoComplete="off"
          value={values.name}
          error={fieldErrors.name}
          onChange={(event) => {
            set("name", event.target.value);
          }}
        />
        <SelectField
          label={t("customers.tasks.fields.kind")}
          name="kind"
          hint={task !== undefined ? t("customers.tasks.kindFixed") : recurringOn ? undefined : t("customers.tasks.recurringOff")}
          disabled={task !== undefined}
          value={values.kind}
          error={fieldErrors.kind}
          onChange={(event) => {
            set("kind", event.target.value as TaskKind);
          }}
        >
          {kinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`customers.tasks.kind.${kind}`)}
            </option>
          ))}
        </SelectField>
        {values.kind === "form" && (
          <TextAreaField
            label={t("customers.tasks.fields.formFields")}
            hint={t("customers.tasks.formFieldsHint")}
            name="fields"
            rows={4}
            value={values.fields}
            error={fieldErrors.fields}
            onChange={(event) => {
              set("fields", event.target.value);
            }}
          />
        )}
        {values.kind === "document_upload" && (
          <TextField
            label={t("customers.tasks.fields.documentLabel")}
            hint={t("customers.tasks.documentLabelHint")}
            name="document_label"
            value={values.documentLabel}
            error={fieldErrors.document_label}
            onChange={(event) => {
              set("documentLabel", event.target.value);
            }}
          />
        )}
        {values.kind === "read_and_accept" && (
          <TextAreaField
            label={t("customers.tasks.fields.text")}
            hint={t("customers.tasks.textHint")}
            name="text"
            rows={6}
            value={values.text}
            error={fieldErrors.text}
            onChange={(event) => {
              set("text", event.target.value);
            }}
          />
        )}
        {values.kind === "recurring_setup" && <p className="muted">{t("customers.tasks.recurringHint")}</p>}
        {values.kind === "payment" && (
          <TextField
            label={t("customers.tasks.fields.description")}
            hint={t("customers.tasks.descriptionHint")}
            name="description"
            value={values.description}
            error={fieldErrors.description}
            onChange={(event) => {
              set("description", event.target.value);
            }}
          />
        )}
        <CheckboxField
          label={t("customers.tasks.fields.isOnboarding")}
          hint={t("customers.tasks.isOnboardingHint")}
          name="is_onboarding"
          checked={values.isOnboarding}
          onChange={(event) => {
            set("isOnboarding", event.target.checked);
          }}
        />
        <div className="form-actions">
          <Button type="submit" busy={save.isPending} busyLabel={t("form.saving")}>
            {task === undefined ? t("customers.tasks.create") : t("customers.tasks.save")}
          </Button>
          {onCancel !== undefined && (
            <Button variant="secondary" onClick={onCancel}>
              {t("customers.tasks.cancelEdit")}
            </Button>
          )}
        </div>
      </form>
    </section>
  );
}

/** The agency's reusable tasks; those with "Is Onboarding" on can be steps of an onboarding flow (seed 001). */
export function TasksPage() {
  const { t } = useTranslation();
  const { can } = useRole();
  const tasks = useTasks();
  const toggle = useSetTaskOnboarding();
  const archive = useArchiveTask();
  const writer = can("onboarding:write");
  const [editingId, setEditingId] = useState<string | null>(null);
  const [savedName, setSavedName] = useState<string | null>(null);
  const editing = tasks.data?.items.find((task) => task.id === editingId);

  return (
    <>
      <PageHeading>{t("customers.title")}</PageHeading>
      <CustomersNav />
      <h2>{t("customers.tasks.title")}</h2>
      {toggle.error !== null && <LoadError error={toggle.error} />}
      {archive.error !== null && <LoadError error={archive.error} />}
      {savedName !== null && (
        <p role="status" className="notice">
          {t("customers.tasks.saved", { name: savedName })}
        </p>
      )}
      {tasks.isPending ? (
        <Loading />
      ) : tasks.isError ? (
        <LoadError error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : tasks.data.items.length === 0 ? (
        <p className="empty">{t("customers.tasks.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{t("customers.tasks.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("customers.tasks.fields.name")}</th>
                <th scope="col">{t("customers.tasks.fields.kind")}</th>
                <th scope="col">{t("customers.tasks.fields.asks")}</th>
                <th scope="col">{t("customers.tasks.fields.isOnboarding")}</th>
                {writer && (
                  <th scope="col">
                    <span className="visually-hidden">{t("customers.tasks.edit")}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {tasks.data.items.map((task) => (
                <tr key={task.id}>
                  <th scope="row">
                    {task.name}
                    {task.archived && <span className="muted"> ({t("customers.tasks.archived")})</span>}
                  </th>
                  <td>{t(`customers.tasks.kind.${task.kind}`)}</td>
                  <td>
                    <TaskSummary task={task} />
                  </td>
                  <td>
                    {writer ? (
                      <input
                        type="checkbox"
                        aria-label={t("customers.tasks.isOnboardingFor", { name: task.name })}
                        checked={task.is_onboarding}
                        disabled={toggle.isPending}
                        onChange={(event) => {
                          toggle.mutate({ taskId: task.id, isOnboarding: event.target.checked });
                        }}
                      />
                    ) : task.is_onboarding ? (
                      t("common.yes")
                    ) : (
                      t("common.no")
                    )}
                  </td>
                  {writer && (
                    <td>
                      <RowEditArchive
                        wording="customers.tasks"
                        name={task.name}
                        archived={task.archived}
                        archiving={archive.isPending}
                        onEdit={() => {
                          setSavedName(null);
                          setEditingId(task.id);
                        }}
                        onSetArchived={(archived) => {
                          archive.mutate({ taskId: task.id, archived });
                        }}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {writer && editing !== undefined && (
        <TaskForm
          key={editing.id}
          task={editing}
          onSaved={(name) => {
            setSavedName(name);
            setEditingId(null);
          }}
          onCancel={() => {
            setEditingId(null);
          }}
        />
      )}
      {writer && <TaskForm />}
    </>
  );
}
