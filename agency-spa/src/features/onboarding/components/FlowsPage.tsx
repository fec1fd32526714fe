import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { SelectField } from "@/components/ui/SelectField";
import { useMe } from "@/lib/auth/me";
import { useRole } from "@/lib/auth/permissions";
import { useFormErrors } from "@/lib/hooks/use-form-errors";
import { useFlows, type Flow } from "../api/list-flows";
import { useTasks } from "../api/list-tasks";
import { useArchiveFlow, useSaveFlow } from "../api/save-flow";
import { CustomersNav } from "./CustomersNav";
import { RowEditArchive } from "./RowEditArchive";
import { addStep, flowTaskIds, moveStepUp, removeStep } from "./flow-steps";

const FIELDS = ["name", "task_ids"] as const;

/**
 * A new flow, or (with `flow`) the edit of one: a name and its steps in order, chosen among the
 * tasks with "Is Onboarding" on; steps can be added, moved up and removed. Invites already sent
 * keep the steps they were sent with (the API copies them into each invite).
 */
function FlowForm({ flow, onSaved, onCancel }: { flow?: Flow; onSaved?: (name: string) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const tasks = useTasks(true);
  const me = useMe();
  // The API refuses a recurring rent set-up step while the agency has recurring payments off.
  const recurringOn = me.data?.features.online_payments === true;
  const save = useSaveFlow();
  const [name, setName] = useState(flow?.name ?? "");
  const [steps, setSteps] = useState<string[]>(flowTaskIds(flow));
  const [chosen, setChosen] = useState("");
  const [created, setCreated] = useState<string | null>(null);
  const { formRef, fieldErrors, summary, setClientErrors } = useFormErrors<(typeof FIELDS)[number]>(save.error, { fields: FIELDS });
  // The flow's own tasks too: one whose "Is Onboarding" was switched off since still has a name.
  const byId = new Map([...(flow?.steps ?? []).map((step) => step.task), ...(tasks.data?.items ?? [])].map((task) => [task.id, task]));
  const headingId = flow === undefined ? "new-flow" : `edit-flow-${flow.id}`;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    const errors: Partial<Record<(typeof FIELDS)[number], string>> = {};
    if (name.trim() === "") errors.name = t("form.required");
    if (steps.length === 0) errors.task_ids = t("customers.flows.errors.noSteps");
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) return;
    save.mutate(
      { flowId: flow?.id, body: { name: name.trim(), task_ids: steps } },
      {
        onSuccess: (saved) => {
          if (flow !== undefined) {
            onSaved?.(saved.name);
            return;
          }
          setCreated(saved.name);
          setName("");
          setSteps([]);
        },
      },
    );
  }

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{flow === undefined ? t("customers.flows.new") : t("customers.flows.editTitle", { name: flow.name })}</h2>
      {flow !== undefined && <p className="muted">{t("customers.flows.editNote")}</p>}
      <form ref={formRef} onSubmit={submit} noValidate className="stack form">
        {summary !== undefined && <Alert>{summary}</Alert>}
        {created !== null && (
          <p role="status" className="notice">
            {t("customers.flows.created", { name: created })}
          </p>
        )}
        <TextField
          label={t("customers.flows.fields.name")}
          name="name"
          required
          autoComplete="off"
          value={name}
          error={fieldErrors.name}
          onChange={(event) => {
            setName(event.target.value);
          }}
        />
        <fieldset className="fieldset">
          <legend>{t("customers.flows.fields.steps")}</legend>
          {steps.length === 0 ? (
            <p className="muted">{t("customers.flows.noStepsYet")}</p>
          ) : (
            <ol className="onboarding-steps">
              {steps.map((taskId, index) => {
                const task = byId.get(taskId);
                const label = task?.name ?? taskId;
                return (
                  <li key={taskId}>
                    {label} {task !== undefined && <span className="muted">({t(`customers.tasks.kind.${task.kind}`)})</span>}{" "}
                    <Button
                      variant="link"
                      disabled={index === 0}
                      aria-label={t("customers.flows.moveUp", { name: label })}
                      onClick={() => {
                        setSteps(moveStepUp(steps, index));
                      }}
                    >
                      {t("customers.flows.up")}
                    </Button>{" "}
                    <Button
                      variant="link"
                      aria-label={t("customers.flows.remove", { name: label })}
                      onClick={() => {
                        setSteps(removeStep(steps, index));
                      }}
                    >
                      {t("customers.flows.removeShort")}
                    </Button>
                  </li>
                );
              })}
            </ol>
          )}
          <div className="form-row">
            <SelectField
              label={t("customers.flows.addTask")}
              hint={recurringOn ? t("customers.flows.addTaskHint") : `${t("customers.flows.addTaskHint")} ${t("customers.tasks.recurringOff")}`}
              name="task"
              value={chosen}
              error={fieldErrors.task_ids}
              onChange={(event) => {
                setChosen(event.target.value);
              }}
            >
              <option value="">{t("form.choose")}</option>
              {(tasks.data?.items ?? [])
                .filter((task) => !task.archived && !steps.includes(task.id) && (recurringOn || task.kind !== "recurring_setup"))
                .map((task) => (
                  <option key={task.id} value={task.id}>
                    {task.name} ({t(`customers.tasks.kind.${task.kind}`)})
                  </option>
                ))}
            </SelectField>
            <Button
              variant="secondary"
              disabled={chosen === ""}
              onClick={() => {
                setSteps(addStep(steps, chosen));
                setChosen("");
              }}
            >
              {t("customers.flows.addStep")}
            </Button>
          </div>
        </fieldset>
        <div className="form-actions">
          <Button type="submit" busy={save.isPending} busyLabel={t("form.saving")}>
            {flow === undefined ? t("customers.flows.create") : t("customers.flows.save")}
          </Button>
          {onCancel !== undefined && (
            <Button variant="secondary" onClick={onCancel}>
              {t("customers.flows.cancelEdit")}
            </Button>
          )}
        </div>
      </form>
    </section>
  );
}

/** Onboarding flows: the series of steps an invitee walks (seed 001), built from onboarding tasks. */
export function FlowsPage() {
  const { t } = useTranslation();
  const { can } = useRole();
  const flows = useFlows(true);
  const archive = useArchiveFlow();
  const writer = can("onboarding:write");
  const [editingId, setEditingId] = useState<string | null>(null);
  const [savedName, setSavedName] = useState<string | null>(null);
  const editing = flows.data?.items.find((flow) => flow.id === editingId);

  return (
    <>
      <PageHeading>{t("customers.title")}</PageHeading>
      <CustomersNav />
      <h2>{t("customers.flows.title")}</h2>
      {savedName !== null && (
        <p role="status" className="notice">
          {t("customers.flows.saved", { name: savedName })}
        </p>
      )}
      {archive.error !== null && <LoadError error={archive.error} />}
      {flows.isPending ? (
        <Loading />
      ) : flows.isError ? (
        <LoadError error={flows.error} onRetry={() => void flows.refetch()} />
      ) : flows.data.items.length === 0 ? (
        <p className="empty">{t("customers.flows.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{t("customers.flows.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("customers.flows.fields.name")}</th>
                <th scope="col">{t("customers.flows.fields.steps")}</th>
                <th scope="col">{t("customers.flows.fields.payments")}</th>
                {writer && (
                  <th scope="col">
                    <span className="visually-hidden">{t("customers.flows.edit")}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {flows.data.items.map((flow) => (
                <tr key={flow.id}>
                  <th scope="row">
                    {flow.name}
                    {flow.archived && <span className="muted"> ({t("customers.flows.archived")})</span>}
                  </th>
                  <td>
                    <ol className="onboarding-steps">
                      {flow.steps.map((step) => (
                        <li key={step.position}>
                          {step.task.name} <span className="muted">({t(`customers.tasks.kind.${step.task.kind}`)})</span>
                        </li>
                      ))}
                    </ol>
                  </td>
                  <td>{flow.has_payment_steps ? t("common.yes") : t("common.no")}</td>
                  {writer && (
                    <td>
                      <RowEditArchive
                        wording="customers.flows"
                        name={flow.name}
                        archived={flow.archived}
                        archiving={archive.isPending}
                        onEdit={() => {
                          setSavedName(null);
                          setEditingId(flow.id);
                        }}
                        onSetArchived={(archived) => {
                          archive.mutate({ flowId: flow.id, archived });
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
        <FlowForm
          key={editing.id}
          flow={editing}
          onSaved={(name) => {
            setSavedName(name);
            setEditingId(null);
          }}
          onCancel={() => {
            setEditingId(null);
          }}
        />
      )}
      {writer && <FlowForm />}
    </>
  );
}
