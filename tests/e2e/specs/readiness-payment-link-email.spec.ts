import { randomBytes } from "node:crypto";
import { agencyToday, addDays, euros, StaffApi, type Invoice } from "../support/collections-api";
import { expect, expectNoSeriousA11yViolations, signInToAgency, STAFF, test, uniqueName } from "../support/fixtures";

/**
 * Seed 000 before a payment link is e-mailed: staff see the readiness review in the panel that
 * sends it, a blocking item (a rent invoice asking for more than the lease's rent) holds the send
 * back, and it goes with "Send anyway" and a reason — which the lease's page then shows with who
 * sent it and when. The spec uses a lease of its own, so other specs' data does not matter.
 */
test.describe.serial("readiness review before a payment link is e-mailed", () => {
  const suffix = randomBytes(3).toString("hex");
  const propertyName = uniqueName("E2E Readiness");
  const tenant = { first_name: "Rhea", last_name: `Ready${suffix}`, email: `rhea.${suffix}@doorstep.example`, phone: "+32470123456" };
  const tenantName = `${tenant.first_name} ${tenant.last_name}`;
  const rent = 70_000; // the lease's rent (support/collections-api.ts)
  const asked = 90_000;
  let own: Awaited<ReturnType<StaffApi["ownLease"]>>;
  let invoice: Invoice;

  test.beforeAll(async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ ...(baseURL === undefined ? {} : { baseURL }) });
    const api = await StaffApi.signIn(request, STAFF.owner);
    own = await api.ownLease(propertyName, tenant);
    // A rent invoice typed by hand for more than the lease's rent: the tenant would see it.
    const created = await api.post<Invoice & { status: string }>("/invoices", {
      lease_id: own.leaseId,
      kind: "rent",
      due_date: addDays(agencyToday(), 10),
      lines: [{ description: `Rent ${suffix}`, amount: asked }],
    });
    invoice = created.status === "draft" ? await api.post<Invoice>(`/invoices/${created.id}/approve`) : created;
    await request.dispose();
  });

  test("a blocking item holds the e-mail back; it goes with a reason, shown on the lease", async ({ page }, testInfo) => {
    await signInToAgency(page, STAFF.owner);
    await page.goto(`/agency/invoices/${invoice.id}`);
    const panel = page.getByRole("region", { name: "Send the payment link by e-mail" });
    const review = panel.getByRole("region", { name: "Before sending: readiness review" });
    const invoices = review.getByRole("listitem").filter({ hasText: "Open invoices" });
    await expect(invoices).toContainText("Blocking");
    await expect(invoices).toContainText(`asks for ${euros(asked)}, but the lease's rent for it is ${euros(rent)}`);
    const send = panel.getByRole("button", { name: "Send by e-mail" });
    await expect(send).toBeDisabled();
    await expectNoSeriousA11yViolations(page, testInfo, "payment link e-mail, blocked");

    const reason = `The tenant agreed to pay the difference now (${suffix}).`;
    await panel.getByRole("checkbox", { name: /Send anyway/u }).check();
    await panel.getByRole("textbox", { name: /Why it is sent anyway/u }).fill(reason);
    await expect(send).toBeEnabled();
    await send.click();
    await expect(panel.getByText(`Sent to ${tenantName}.`)).toBeVisible();
    await expect(panel.getByRole("listitem").filter({ hasText: "by Olivia Owner to" })).toContainText(tenantName);

    // The rest of the team sees it on the lease: what, who, when and why.
    await page.goto(`/agency/leases/${own.leaseId}`);
    const overrides = page.getByRole("region", { name: "Sent despite the readiness review" });
    await expect(overrides).toContainText("Payment link e-mailed");
    await expect(overrides).toContainText("Olivia Owner");
    await expect(overrides).toContainText(reason);
    await expect(overrides).toContainText(`asks for ${euros(asked)}`);
    // And on the tenant's page.
    await page.goto(`/agency/tenants/${own.tenantId}`);
    await expect(page.getByRole("region", { name: "Sent despite the readiness review" })).toContainText(reason);
  });
});
