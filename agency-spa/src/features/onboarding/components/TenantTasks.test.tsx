import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { page, staffMe } from "@/testing/fixtures";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import type { OnboardingTask } from "../api/list-tasks";
import type { Assignment } from "../api/tenant-assignments";
import { readAssignmentForm } from "./assignment-form";
import { TenantTasks } from "./TenantTasks";

const LIST = "/api/v1/onboarding/tenants/t1/assignments";

function aTask(overrides: Partial<OnboardingTask>): OnboardingTask {
  return {
    id: "task-form",
    name: "Car parking",
    kind: "form",
    is_onboarding: false,
    fields: [{ key: "plate", label: "Number plate", required: true }],
    document_label: null,
    text: null,
    text_version: 1,
    description: null,
    archived: false,
    created_at: "2026-11-01T09:00:00Z",
    ...overrides,
  };
}

const FORM = aTask({});
const FOB = aTask({ id: "task-fob", name: "Key fob", kind: "payment", fields: [], description: "Replacement key fob" });

function anAssignment(overrides: Partial<Assignment>): Assignment {
  return {
    id: "as-1",
    tenant_id: "t1",
    task_id: FORM.id,
    name: FORM.name,
    kind: "form",
    status: "open",
    amount: null,
    lease_id: null,
    invoice_id: null,
    answers: null,
    accepted_text_version: null,
    completed_at: null,
    uploaded_file_name: null,
    assigned_at: "2026-11-23T09:00:00Z",
    cancelled_at: null,
    ...overrides,
  };
}

describe("readAssignmentForm", () => {
  it("needs a task, and for a payment an amount above zero in minor units", () => {
    expect(readAssignmentForm({ taskId: "", amount: "", leaseId: "" }, undefined, "EUR", "en-GB")).toEqual({
      ok: false,
      errors: { task_id: "customers.assignments.errors.chooseTask" },
    });
    expect(readAssignmentForm({ taskId: FORM.id, amount: "12", leaseId: "l1" }, FORM, "EUR", "en-GB")).toEqual({ ok: true, body: { task_id: FORM.id } });
    expect(readAssignmentForm({ taskId: FOB.id, amount: "0", leaseId: "" }, FOB, "EUR", "en-GB")).toEqual({
      ok: false,
      errors: { amount: "customers.invites.errors.amountZero" },
    });
    expect(readAssignmentForm({ taskId: FOB.id, amount: "25.50", leaseId: "" }, FOB, "EUR", "en-GB")).toEqual({ ok: true, body: { task_id: FOB.id, amount: 2550 } });
    expect(readAssignmentForm({ taskId: FOB.id, amount: "25", leaseId: "l1" }, FOB, "EUR", "en-GB")).toEqual({
      ok: true,
      body: { task_id: FOB.id, amount: 2500, lease_id: "l1" },
    });
  });
});

describe("TenantTasks", () => {
  it("assigns a task and lists it with its progress", async () => {
    let items: Assignment[] = [];
    const posted: unknown[] = [];
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
      "GET /api/v1/onboarding/tasks": () => jsonResponse(page([FORM, FOB, aTask({ id: "task-old", name: "Old rules", archived: true })])),
      [`GET ${LIST}`]: () => jsonResponse(page(items)),
      [`POST ${LIST}`]: async (request) => {
        posted.push(await request.json());
        items = [anAssignment({})];
        return jsonResponse(items[0], 201);
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<TenantTasks tenantId="t1" tenantName="Tara Tenant" hasPortalAccount />);

    expect(await screen.findByText("No task has been assigned to this tenant.")).toBeInTheDocument();
    await user.click(await screen.findByRole("button", { name: "Assign a task" }));
    await user.click(await screen.findByRole("button", { name: "Assign the task" }));
    expect(screen.queryByRole("option", { name: /Old rules/ })).not.toBeInTheDocument();
    expect(screen.getByText("Choose a task.")).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Task"), "task-form");
    await user.click(screen.getByRole("button", { name: "Assign the task" }));

    expect(await screen.findByText("“Car parking” was assigned: Tara Tenant has been e-mailed a link to it.")).toBeInTheDocument();
    expect(posted).toEqual([{ task_id: "task-form" }]);
    const list = await screen.findByRole("list", { name: "Assigned tasks" });
    expect(within(list).getByText("Car parking")).toBeInTheDocument();
    expect(within(list).getByText(/To do/)).toBeInTheDocument();
  });

  it("shows the answers of a completed task, and cancels an open one after confirming", async () => {
    let items: Assignment[] = [
      anAssignment({ id: "as-done", status: "done", answers: { plate: "1-ABC-123" }, completed_at: "2026-11-24T10:00:00Z" }),
      anAssignment({ id: "as-fob", task_id: FOB.id, name: "Key fob", kind: "payment", amount: { amount: 2500, currency: "EUR" }, invoice_id: "inv-1" }),
    ];
    const cancelled: string[] = [];
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("owner")),
      "GET /api/v1/onboarding/tasks": () => jsonResponse(page([FORM, FOB])),
      [`GET ${LIST}`]: () => jsonResponse(page(items)),
      [`POST ${LIST}/as-fob/cancel`]: () => {
        cancelled.push("as-fob");
        items = items.map((item) => (item.id === "as-fob" ? { ...item, status: "cancelled", cancelled_at: "2026-11-24T11:00:00Z" } : item));
        return jsonResponse(items[1]);
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<TenantTasks tenantId="t1" tenantName="Tara Tenant" hasPortalAccount />);

    expect(await screen.findByText("1-ABC-123")).toBeInTheDocument();
    expect(screen.getByText("Number plate")).toBeInTheDocument();
    expect(screen.getAllByRole("button", { name: /^Cancel the task/ })).toHaveLength(1);
    await user.click(screen.getByRole("button", { name: "Cancel the task Key fob" }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Cancel the task" }));
    expect(await screen.findByText(/Cancelled/)).toBeInTheDocument();
    expect(cancelled).toEqual(["as-fob"]);
  });

  it("offers no assignment to a tenant without a portal account", async () => {
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("owner")),
      "GET /api/v1/onboarding/tasks": () => jsonResponse(page([FORM])),
      [`GET ${LIST}`]: () => jsonResponse(page([])),
    });
    renderWithProviders(<TenantTasks tenantId="t1" tenantName="Tara Tenant" hasPortalAccount={false} />);
    expect(await screen.findByText(/Tara Tenant has no portal account yet/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Assign a task" })).not.toBeInTheDocument();
  });
});
