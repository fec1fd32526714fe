import { parseMoney, type ParseMoneyError } from "@doorstep/web-shared/lib/format/parse-money";
import type { OnboardingTask } from "../api/list-tasks";
import type { AssignmentCreate } from "../api/tenant-assignments";

export interface AssignmentFormValues {
  taskId: string;
  /** A payment task's amount as typed, in the agency's currency. */
  amount: string;
  /** A payment task's lease; "" lets the API take the tenant's only active lease. */
  leaseId: string;
}

export const EMPTY_ASSIGNMENT: AssignmentFormValues = { taskId: "", amount: "", leaseId: "" };

export type AssignmentErrorKey = "customers.assignments.errors.chooseTask" | "customers.invites.errors.amountZero" | `money.${ParseMoneyError}`;

export type AssignmentFormErrors = Partial<Record<"task_id" | "amount" | "lease_id", AssignmentErrorKey>>;

export type ReadAssignment = { ok: true; body: AssignmentCreate } | { ok: false; errors: AssignmentFormErrors };

/**
 * The form read for POST …/assignments: a task chosen and, for a payment task, an amount above
 * zero read exactly in the UI's notation into minor units, and the lease if staff picked one
 * (needed when the tenant has several: the API says so).
 */
export function readAssignmentForm(values: AssignmentFormValues, task: OnboardingTask | undefined, currency: string, locale: string): ReadAssignment {
  if (task === undefined) return { ok: false, errors: { task_id: "customers.assignments.errors.chooseTask" } };
  if (task.kind !== "payment") return { ok: true, body: { task_id: task.id } };
  const parsed = parseMoney(values.amount, currency, locale);
  if (!parsed.ok) return { ok: false, errors: { amount: `money.${parsed.error}` } };
  if (parsed.amount === 0) return { ok: false, errors: { amount: "customers.invites.errors.amountZero" } };
  return { ok: true, body: { task_id: task.id, amount: parsed.amount, ...(values.leaseId === "" ? {} : { lease_id: values.leaseId }) } };
}
