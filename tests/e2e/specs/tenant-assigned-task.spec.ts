import { randomBytes } from "node:crypto";
import { StaffApi } from "../support/collections-api";
import { createUser } from "../support/doorstep-cli";
import { expect, expectNoSeriousA11yViolations, signInToAgency, signInToPortal, STAFF, test, uniqueName } from "../support/fixtures";
import { tenantDevice } from "../support/onboarding";

/**
 * Issue 13, tasks are reusable: a manager assigns a form task to a tenant who already has a
 * portal account, on the tenant's page; the tenant signs in, finds it on the home screen, fills
 * it in on its page; the manager then sees it done with the answer.
 */
test("staff assign a form task on the tenant's page; the tenant completes it; staff see the answer", async ({ page, browser, request, baseURL }, testInfo) => {
  test.setTimeout(180_000);
  const suffix = uniqueName("").trim();
  const taskName = `Car parking ${suffix}`;
  const person = {
    first_name: "Tomas",
    last_name: `Tasks ${suffix}`,
    email: `tomas.tasks.${suffix.replace(/[^A-Za-z0-9]/gu, "").toLowerCase()}@doorstep.example`,
  };
  const password = `Tenant-${randomBytes(9).toString("hex")}`;

  // The spec's own tenant, on a lease, with a portal login; and a reusable form task.
  const api = await StaffApi.signIn(request, STAFF.owner);
  const { tenantId } = await api.ownLease(`Task House ${suffix}`, person);
  const me = await api.get<{ agency: { id: string } }>("/me");
  await createUser(me.agency.id, { email: person.email, password, firstName: person.first_name, lastName: person.last_name, role: "tenant" });
  await api.post("/onboarding/tasks", {
    name: taskName,
    kind: "form",
    is_onboarding: false,
    fields: [{ key: "number_plate", label: "Number plate", required: true }],
  });

  // The manager assigns it on the tenant's page.
  await signInToAgency(page, STAFF.manager);
  await page.goto(`/agency/tenants/${tenantId}`);
  const tasks = page.getByRole("region", { name: "Tasks" });
  await expect(tasks.getByText("No task has been assigned to this tenant.")).toBeVisible();
  await tasks.getByRole("button", { name: "Assign a task" }).click();
  await tasks.getByLabel("Task", { exact: true }).selectOption({ label: `${taskName} (Form)` });
  await expectNoSeriousA11yViolations(page, testInfo, "assign a task");
  await tasks.getByRole("button", { name: "Assign the task" }).click();
  await expect(tasks.getByRole("status")).toHaveText(`“${taskName}” was assigned: ${person.first_name} ${person.last_name} has been e-mailed a link to it.`);
  const assigned = tasks.getByRole("list", { name: "Assigned tasks" }).getByRole("listitem").filter({ hasText: taskName });
  await expect(assigned).toContainText("To do");

  // The tenant, on a device of their own.
  const tenantContext = await tenantDevice(browser, baseURL);
  const tenant = await tenantContext.newPage();
  try {
    await signInToPortal(tenant, { email: person.email, password });
    const todo = tenant.getByRole("region", { name: "To do" });
    await expect(todo.getByText("Your letting agency asks you to complete 1 task.")).toBeVisible();
    await todo.getByRole("link", { name: "Open my tasks" }).click();
    await expect(tenant.getByRole("heading", { level: 1, name: taskName })).toBeVisible();
    await expectNoSeriousA11yViolations(tenant, testInfo, "a task's page");
    await tenant.getByRole("button", { name: "Save and continue" }).click();
    await expect(tenant.getByText("This field is required.")).toBeVisible();
    await tenant.getByLabel("Number plate", { exact: true }).fill("1-ABC-123");
    await tenant.getByRole("button", { name: "Save and continue" }).click();
    await expect(tenant.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await tenant.getByRole("link", { name: "All my tasks" }).click();
    await expect(tenant.getByText("Nothing to do: your letting agency has not asked you for anything.")).toBeVisible();
    await expect(tenant.getByRole("list", { name: "Done" })).toContainText(taskName);
  } finally {
    await tenantContext.close();
  }

  // The manager sees it done, with the answer under the field's label.
  await page.reload();
  await expect(assigned).toContainText("Done");
  await expect(assigned.getByRole("definition")).toHaveText("1-ABC-123");
  await expect(assigned.getByRole("term")).toHaveText("Number plate");
  await expect(assigned.getByRole("button", { name: /^Cancel the task/u })).toHaveCount(0);
});
