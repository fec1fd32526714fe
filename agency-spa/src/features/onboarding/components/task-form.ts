import type { TaskCreate, TaskUpdate } from "../api/save-task";
import type { OnboardingTask, TaskKind } from "../api/list-tasks";

export const TASK_KINDS: readonly TaskKind[] = ["form", "document_upload", "read_and_accept", "payment", "recurring_setup"];

/** The kinds staff may create: a recurring rent set-up only while the agency has recurring payments (online payments) on. */
export function offeredTaskKinds(recurringOn: boolean): readonly TaskKind[] {
  return recurringOn ? TASK_KINDS : TASK_KINDS.filter((kind) => kind !== "recurring_setup");
}

export interface TaskFormValues {
  name: string;
  kind: TaskKind;
  isOnboarding: boolean;
  /** A form's fields, one label a line; a label ending in "(optional)" is not required. */
  fields: string;
  documentLabel: string;
  text: string;
  description: string;
}

export const EMPTY_TASK: TaskFormValues = {
  name: "",
  kind: "form",
  isOnboarding: true,
  fields: "",
  documentLabel: "",
  text: "",
  description: "",
};

const OPTIONAL_MARK = /\s*\((optional|facultatif|optioneel)\)\s*$/i;

/**
 * A field's key from its label: lower-case ASCII letters, digits and "_" (the API's pattern), so
 * that answers are stored under a stable name ("Date of birth" → "date_of_birth").
 */
export function fieldKey(label: string): string {
  const key = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 60);
  return key === "" ? "field" : key;
}

/** Form fields from one label a line; a key used twice gets a number ("phone", "phone_2"). */
export function readFields(text: string): NonNullable<TaskCreate["fields"]> {
  const seen = new Map<string, number>();
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => {
      const required = !OPTIONAL_MARK.test(line);
      const label = line.replace(OPTIONAL_MARK, "").trim();
      const base = fieldKey(label);
      const count = (seen.get(base) ?? 0) + 1;
      seen.set(base, count);
      const key = count === 1 ? base : `${base.slice(0, 57)}_${count}`;
      return { key, label, required };
    });
}

export type TaskErrorKey = "form.required" | "customers.tasks.errors.noFields";

export type ReadTask = { ok: true; body: TaskCreate } | { ok: false; errors: Record<string, TaskErrorKey> };

/** What each kind needs: a form at least one field, a document upload its label, read-and-accept its text; a recurring set-up nothing. */
export function readTaskForm(values: TaskFormValues): ReadTask {
  const errors: Record<string, TaskErrorKey> = {};
  const name = values.name.trim();
  if (name === "") errors.name = "form.required";
  const body: TaskCreate = { name, kind: values.kind, is_onboarding: values.isOnboarding };
  if (values.kind === "form") {
    const fields = readFields(values.fields);
    if (fields.length === 0) errors.fields = "customers.tasks.errors.noFields";
    body.fields = fields;
  } else if (values.kind === "document_upload") {
    const label = values.documentLabel.trim();
    if (label === "") errors.document_label = "form.required";
    body.document_label = label;
  } else if (values.kind === "read_and_accept") {
    const text = values.text.trim();
    if (text === "") errors.text = "form.required";
    body.text = text;
  } else if (values.kind === "payment") {
    const description = values.description.trim();
    body.description = description === "" ? null : description;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, body };
}

/**
 * A task's form filled in from the task, to edit it: one field a line as it was typed, a field
 * that may stay empty marked with the UI's word for "optional" (which {@link readFields} reads
 * back in any of the three languages), so unchanged labels keep their keys and answers.
 */
export function taskFormValues(task: OnboardingTask, optionalWord: string): TaskFormValues {
  return {
    name: task.name,
    kind: task.kind,
    isOnboarding: task.is_onboarding,
    fields: task.fields.map((field) => (field.required ? field.label : `${field.label} (${optionalWord})`)).join("\n"),
    documentLabel: task.document_label ?? "",
    text: task.text ?? "",
    description: task.description ?? "",
  };
}

/** PATCH /onboarding/tasks/{id} takes what POST does but the kind, which never changes. */
export function taskUpdateBody(body: TaskCreate): TaskUpdate {
  const update: TaskUpdate = { name: body.name, is_onboarding: body.is_onboarding };
  if (body.fields !== undefined) update.fields = body.fields;
  if (body.document_label !== undefined) update.document_label = body.document_label;
  if (body.text !== undefined) update.text = body.text;
  if (body.description !== undefined) update.description = body.description;
  return update;
}
