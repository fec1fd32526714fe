import { describe, expect, it } from "vitest";
import type { Flow } from "../api/list-flows";
import type { OnboardingTask } from "../api/list-tasks";
import { addStep, flowTaskIds, moveStepUp, removeStep } from "./flow-steps";
import { EMPTY_INVITE, inviteProblemFields, paymentSteps, readInviteForm } from "./invite-form";
import { canCancel, canResend } from "./invite-rules";
import { EMPTY_TASK, fieldKey, offeredTaskKinds, readFields, readTaskForm, taskFormValues, taskUpdateBody } from "./task-form";

const task = (id: string, kind: OnboardingTask["kind"]): OnboardingTask => ({
  id,
  name: id,
  kind,
  is_onboarding: true,
  fields: [],
  document_label: null,
  text: null,
  text_version: 1,
  description: null,
  archived: false,
  created_at: "2026-12-01T09:00:00Z",
});

const flow = (kinds: OnboardingTask["kind"][]): Flow => ({
  id: "flow-1",
  name: "Move-in",
  steps: kinds.map((kind, index) => ({ position: index + 1, task: task(`task-${index + 1}`, kind) })),
  has_payment_steps: kinds.includes("payment"),
  has_recurring_steps: kinds.includes("recurring_setup"),
  archived: false,
  created_at: "2026-12-01T09:00:00Z",
});

const person = { firstName: " Ann ", lastName: "Lee", email: " ann@example.test " };

describe("readInviteForm", () => {
  it("sends no lease and no amounts for a flow without payment steps", () => {
    expect(readInviteForm({ ...EMPTY_INVITE, ...person, flowId: "flow-1", leaseId: "lease-1" }, flow(["form"]), "EUR", "en")).toEqual({
      ok: true,
      body: { first_name: "Ann", last_name: "Lee", email: "ann@example.test", flow_id: "flow-1", lease_id: null, payment_amounts: [] },
    });
  });

  it("names the tenant record and the lease an invite from a lease's page is for, whatever the flow", () => {
    const values = { ...EMPTY_INVITE, ...person, flowId: "flow-1", leaseId: "lease-9", leaseFixed: true, tenantId: "tenant-7" };
    expect(readInviteForm(values, flow(["form"]), "EUR", "en")).toEqual({
      ok: true,
      body: {
        first_name: "Ann",
        last_name: "Lee",
        email: "ann@example.test",
        flow_id: "flow-1",
        lease_id: "lease-9",
        payment_amounts: [],
        tenant_id: "tenant-7",
      },
    });
  });

  it("reads each payment step's amount in the UI's notation, by the step's position", () => {
    const read = readInviteForm(
      { ...EMPTY_INVITE, ...person, flowId: "flow-1", leaseId: "lease-1", amounts: { 2: "1.250,50", 3: "90" } },
      flow(["form", "payment", "payment"]),
      "EUR",
      "nl",
    );
    expect(read).toEqual({
      ok: true,
      body: expect.objectContaining({
        lease_id: "lease-1",
        payment_amounts: [
          { position: 2, amount: 125050 },
          { position: 3, amount: 9000 },
        ],
      }) as unknown,
    });
  });

  it("names every missing or wrong field by the API's path", () => {
    const read = readInviteForm({ ...EMPTY_INVITE, amounts: { 1: "0", 2: "1.234" } }, flow(["payment", "payment"]), "EUR", "en");
    expect(read).toEqual({
      ok: false,
      errors: {
        first_name: "form.required",
        last_name: "form.required",
        email: "form.required",
        "payment_amounts.0.amount": "customers.invites.errors.amountZero",
        "payment_amounts.1.amount": "money.tooManyDecimals",
        lease_id: "customers.invites.errors.chooseLease",
      },
    });
  });

  it("asks for the lease a recurring rent set-up step is for, and sends it", () => {
    const values = { ...EMPTY_INVITE, ...person, flowId: "flow-1" };
    expect(readInviteForm(values, flow(["read_and_accept", "recurring_setup"]), "EUR", "en")).toEqual({
      ok: false,
      errors: { lease_id: "customers.invites.errors.chooseLease" },
    });
    expect(readInviteForm({ ...values, leaseId: "lease-4" }, flow(["read_and_accept", "recurring_setup"]), "EUR", "en")).toEqual({
      ok: true,
      body: { first_name: "Ann", last_name: "Lee", email: "ann@example.test", flow_id: "flow-1", lease_id: "lease-4", payment_amounts: [] },
    });
  });

  it("asks for a flow", () => {
    expect(readInviteForm({ ...EMPTY_INVITE, ...person }, undefined, "EUR", "en")).toEqual({
      ok: false,
      errors: { flow_id: "customers.invites.errors.chooseFlow" },
    });
  });

  it("finds the payment steps of a flow", () => {
    expect(paymentSteps(flow(["form", "payment", "read_and_accept"])).map((step) => step.position)).toEqual([2]);
    expect(paymentSteps(undefined)).toEqual([]);
  });
});

describe("invite actions (seed 001)", () => {
  it("resends Pending or Expired invites and cancels only Pending ones", () => {
    expect(["pending", "used", "expired", "cancelled"].filter((status) => canResend(status as never))).toEqual(["pending", "expired"]);
    expect(["pending", "used", "expired", "cancelled"].filter((status) => canCancel(status as never))).toEqual(["pending"]);
  });
});

describe("task form", () => {
  it("derives a field key the API accepts from any label", () => {
    expect(fieldKey("Date of birth")).toBe("date_of_birth");
    expect(fieldKey("Numéro d'employé")).toBe("numero_d_employe");
    expect(fieldKey("???")).toBe("field");
  });

  it("reads one field a line, optional ones marked, repeated keys numbered", () => {
    expect(readFields("Phone\n\n  Employer (optional)\nPhone\n")).toEqual([
      { key: "phone", label: "Phone", required: true },
      { key: "employer", label: "Employer", required: false },
      { key: "phone_2", label: "Phone", required: true },
    ]);
  });

  it("asks each kind for what it needs", () => {
    expect(readTaskForm({ ...EMPTY_TASK, kind: "form" })).toEqual({ ok: false, errors: { name: "form.required", fields: "customers.tasks.errors.noFields" } });
    expect(readTaskForm({ ...EMPTY_TASK, name: "ID", kind: "document_upload" })).toEqual({ ok: false, errors: { document_label: "form.required" } });
    expect(readTaskForm({ ...EMPTY_TASK, name: "Rules", kind: "read_and_accept", text: " House rules " })).toEqual({
      ok: true,
      body: { name: "Rules", kind: "read_and_accept", is_onboarding: true, text: "House rules" },
    });
    expect(readTaskForm({ ...EMPTY_TASK, name: "Deposit", kind: "payment" })).toEqual({
      ok: true,
      body: { name: "Deposit", kind: "payment", is_onboarding: true, description: null },
    });
  });
});

describe("recurring rent set-up tasks", () => {
  it("are offered only while the agency has recurring payments on, and need nothing else", () => {
    expect(offeredTaskKinds(false)).not.toContain("recurring_setup");
    expect(offeredTaskKinds(true)).toContain("recurring_setup");
    expect(readTaskForm({ ...EMPTY_TASK, name: " Pay rent automatically ", kind: "recurring_setup", description: "ignored" })).toEqual({
      ok: true,
      body: { name: "Pay rent automatically", kind: "recurring_setup", is_onboarding: true },
    });
  });
});

describe("editing a task", () => {
  it("fills the form from the task so that saving it unchanged sends the same fields and keys", () => {
    const form: OnboardingTask = {
      ...task("about-you", "form"),
      name: "About you",
      fields: [
        { key: "employer", label: "Employer", required: true },
        { key: "pets", label: "Pets", required: false },
      ],
    };
    for (const word of ["optional", "facultatif", "optioneel"]) {
      const values = taskFormValues(form, word);
      expect(values.fields).toBe(`Employer\nPets (${word})`);
      const read = readTaskForm(values);
      expect(read.ok && read.body.fields).toEqual(form.fields);
    }
  });

  it("sends everything but the kind, which never changes", () => {
    const rules: OnboardingTask = { ...task("rules", "read_and_accept"), name: "Rules", text: "Be kind." };
    const read = readTaskForm({ ...taskFormValues(rules, "optional"), text: "Be kinder." });
    expect(read.ok && taskUpdateBody(read.body)).toEqual({ name: "Rules", is_onboarding: true, text: "Be kinder." });
  });
});

describe("invite refusals", () => {
  it("shows the refusal of a tenant who has a portal account on the e-mail field, in the UI's words", () => {
    expect(inviteProblemFields((key) => `<${key}>`)).toEqual({
      "tenant-has-portal-account": { field: "email", message: "<customers.invites.errors.hasAccount>" },
    });
  });
});

describe("flow steps", () => {
  it("starts an edited flow from its steps in order", () => {
    const edited = flow(["form", "payment"]);
    expect(flowTaskIds({ ...edited, steps: [...edited.steps].reverse() })).toEqual(["task-1", "task-2"]);
    expect(flowTaskIds(undefined)).toEqual([]);
  });

  it("adds a task once, removes and moves steps up", () => {
    expect(addStep(addStep(["a"], "b"), "a")).toEqual(["a", "b"]);
    expect(addStep(["a"], "")).toEqual(["a"]);
    expect(removeStep(["a", "b", "c"], 1)).toEqual(["a", "c"]);
    expect(moveStepUp(["a", "b", "c"], 2)).toEqual(["a", "c", "b"]);
    expect(moveStepUp(["a", "b"], 0)).toEqual(["a", "b"]);
  });
});
