import { StaffApi } from "../support/collections-api";
import { expect, expectNoSeriousA11yViolations, signInToAgency, STAFF, test, uniqueName } from "../support/fixtures";
import {
  chooseInviteLease,
  createAccountFromInvite,
  createFlow,
  createTask,
  inviteToken,
  openCustomers,
  openInviteLink,
  sendInvite,
  startInvite,
  tenantDevice,
} from "../support/onboarding";

/**
 * Issue 13's recurring rent step from end to end: a manager builds a flow holding a text to accept
 * and a recurring rent set-up step, invites a new tenant to the spec's own lease with it; the tenant
 * opens the magic link from the development mailbox, sets a password, accepts the text, sets up
 * recurring payment with a test card (Stripe.js' confirmCardSetup against localstripe, the
 * authorisation accepted) and finishes the flow; the manager then sees the step done with the card
 * and when, and the lease's recurring payment active.
 */

test("staff invite with a recurring rent step; the tenant sets it up by card from the e-mailed link and finishes", async ({ page, browser, request, baseURL }, testInfo) => {
  test.setTimeout(240_000);
  const suffix = uniqueName("").trim();
  const propertyName = `E2E Recurring Onboarding ${suffix}`;
  const email = `recurring-invitee-${suffix}@doorstep.example`;
  const rulesName = `House rules ${suffix}`;
  const recurringName = `Rent by card ${suffix}`;
  const flowName = `Move-in with recurring ${suffix}`;
  const invitee = { firstName: "Rita", lastName: `Recurring ${suffix}`, email };

  const api = await StaffApi.signIn(request, STAFF.owner);
  await api.ownLease(propertyName, { first_name: "Hold", last_name: `Er ${suffix}`, email: `holder-${suffix}@doorstep.example` });

  await signInToAgency(page, STAFF.manager);
  const sections = await openCustomers(page);

  // Two tasks: a text to accept, and the recurring rent set-up (the demo agency has the feature on).
  await sections.getByRole("link", { name: "Onboarding tasks" }).click();
  await createTask(page, rulesName, "Read and accept", (form) => form.getByLabel("Text to read and accept").fill("No parties after 22:00."));
  await createTask(page, recurringName, "Recurring rent set-up", (form) => expect(form.getByText(/Invites with this step need a lease/u)).toBeVisible());
  await expect(page.getByRole("row", { name: new RegExp(recurringName, "u") })).toContainText("Recurring rent on the invite's lease");
  await expectNoSeriousA11yViolations(page, testInfo, "onboarding tasks with a recurring step");

  await sections.getByRole("link", { name: "Onboarding flows" }).click();
  await createFlow(page, flowName, [`${rulesName} (Read and accept)`, `${recurringName} (Recurring rent set-up)`]);

  // The invite: the flow has a recurring step, so the form asks for the lease it pays.
  await startInvite(page, sections, invitee, flowName);
  await expect(page.getByText("This flow asks the tenant to set up recurring rent: choose the lease whose rent it pays.")).toBeVisible();
  await expect(page.getByRole("group", { name: "Payment Amounts" })).toHaveCount(0);
  await chooseInviteLease(page, propertyName);
  await expectNoSeriousA11yViolations(page, testInfo, "invite form with a recurring step");
  const inviteUrl = await sendInvite(page, invitee);
  await expect(page.getByText("No recurring payment set up on the lease yet.")).toBeVisible();

  const token = await inviteToken(request, email);

  const tenantContext = await tenantDevice(browser, baseURL);
  const tenant = await tenantContext.newPage();
  try {
    await openInviteLink(tenant, token);
    await createAccountFromInvite(tenant, "a long enough password");

    await expect(tenant.getByRole("heading", { level: 2, name: `Step 1 of 2: ${rulesName}` })).toBeVisible();
    await tenant.getByLabel("I have read and accept this text").check();
    await tenant.getByRole("button", { name: "Accept and continue" }).click();

    await expect(tenant.getByRole("heading", { level: 2, name: `Step 2 of 2: ${recurringName}` })).toBeVisible();
    await expect(tenant.getByText("1 of 2 steps done")).toBeVisible();
    const form = tenant.getByRole("form", { name: "Pay your rent automatically" });
    await expect(form.locator("blockquote.authorisation-text")).not.toBeEmpty();
    await expectNoSeriousA11yViolations(tenant, testInfo, "onboarding recurring step");
    const element = form.locator("[data-card-element]");
    await expect(element.getByPlaceholder("number", { exact: true })).toBeVisible();
    await element.getByPlaceholder("number", { exact: true }).fill("4242424242424242");
    await element.getByPlaceholder("exp_month", { exact: true }).fill("12");
    await element.getByPlaceholder("exp_year", { exact: true }).fill("34");
    await element.getByPlaceholder("cvc", { exact: true }).fill("123");
    await element.getByPlaceholder("postal_code", { exact: true }).fill("1050");
    await form.getByRole("checkbox", { name: "I have read and accept this authorisation." }).check();
    await form.getByRole("button", { name: "Set up recurring payment" }).click();

    // The walk asks the server again until the step shows the set-up, then the flow is finished.
    await expect(tenant.getByRole("heading", { level: 2, name: "You are all set" })).toBeVisible({ timeout: 30_000 });
    await expect(tenant.getByText("2 of 2 steps done")).toBeVisible();
    await tenant.getByRole("link", { name: "Go to the home screen" }).click();
    await expect(tenant.getByRole("heading", { level: 1, name: "Hello, Rita" })).toBeVisible();
    await expect(tenant.getByRole("heading", { name: "Finish your onboarding" })).toHaveCount(0);
  } finally {
    await tenantContext.close();
  }

  // Staff: the step done, with the card and when, and the lease's recurring payment active.
  await page.goto(inviteUrl);
  await expect(page.getByRole("definition").filter({ hasText: /^Used$/u })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Onboarding progress: 2 of 2 steps" })).toBeVisible();
  await expect(page.getByText(/Set up with a card \(visa •••• 4242\) on /u)).toBeVisible();
  await page.getByRole("link", { name: "Open the recurring payment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Recurring payment of / })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: /^Active$/u })).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel recurring payment" })).toBeVisible();
});
