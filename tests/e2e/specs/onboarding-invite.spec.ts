import type { Page } from "@playwright/test";
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
 * Seed 001 from end to end: a manager builds an onboarding flow in the agency SPA (a form, a text
 * to read and accept, a payment), invites a new tenant with it and an amount for the payment on
 * the spec's own lease; the tenant opens the magic link from the development mailbox, sets a
 * password, walks every step (paying by card against localstripe) and lands on the home screen
 * with the lease; the manager then sees the invite Used, every step done and the invoice paid.
 * The used link, opened again, says so.
 */

const VISA = "4242424242424242";
const DEPOSIT_CENTS = 35_000;

/** "€350.00" as en-GB shows it. */
function euros(minor: number): string {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR" }).format(minor / 100);
}

/** Types a card into the Stripe.js card element (localstripe's stand-in: plain inputs). */
async function enterCard(page: Page, number: string): Promise<void> {
  const pay = page.getByRole("region", { name: "Pay now" });
  await expect(pay.getByRole("button", { name: /^Pay / })).toBeVisible();
  const newCard = pay.getByRole("radio", { name: "A new card" });
  if ((await newCard.count()) > 0) await newCard.check();
  const element = pay.locator("[data-card-element]");
  await expect(element.getByPlaceholder("number", { exact: true })).toBeVisible();
  await element.getByPlaceholder("number", { exact: true }).fill(number);
  await element.getByPlaceholder("exp_month", { exact: true }).fill("12");
  await element.getByPlaceholder("exp_year", { exact: true }).fill("34");
  await element.getByPlaceholder("cvc", { exact: true }).fill("123");
  await element.getByPlaceholder("postal_code", { exact: true }).fill("1050");
}

test("staff invite a tenant with a flow; the tenant completes every step from the e-mailed link and lands home", async ({ page, browser, request, baseURL }, testInfo) => {
  test.setTimeout(240_000);
  const suffix = uniqueName("").trim();
  const propertyName = `E2E Onboarding ${suffix}`;
  const email = `invitee-${suffix}@doorstep.example`;
  const formName = `About you ${suffix}`;
  const rulesName = `House rules ${suffix}`;
  const depositName = `Deposit ${suffix}`;
  const flowName = `Move-in ${suffix}`;
  const invitee = { firstName: "Ines", lastName: `Vitee ${suffix}`, email };

  // The spec's own active lease (its current tenant is someone else: the invitee joins it).
  const api = await StaffApi.signIn(request, STAFF.owner);
  await api.ownLease(propertyName, { first_name: "Hold", last_name: `Er ${suffix}`, email: `holder-${suffix}@doorstep.example` });

  await signInToAgency(page, STAFF.manager);
  const sections = await openCustomers(page);

  // Three reusable tasks, "Is Onboarding" on.
  await sections.getByRole("link", { name: "Onboarding tasks" }).click();
  await createTask(page, formName, "Form", (form) => form.getByLabel("Fields", { exact: true }).fill("Employer\nPets (optional)"));
  await createTask(page, rulesName, "Read and accept", (form) => form.getByLabel("Text to read and accept").fill("No parties after 22:00.\nBins out on Tuesdays."));
  await createTask(page, depositName, "Payment");
  await expect(page.getByRole("row", { name: new RegExp(depositName, "u") })).toBeVisible();
  await expectNoSeriousA11yViolations(page, testInfo, "onboarding tasks");

  // A flow of the three, in order.
  await sections.getByRole("link", { name: "Onboarding flows" }).click();
  await createFlow(page, flowName, [`${formName} (Form)`, `${rulesName} (Read and accept)`, `${depositName} (Payment)`]);
  await expect(page.getByRole("row", { name: new RegExp(flowName, "u") })).toContainText("Yes");

  // The invite: names, e-mail, the flow, and (it has a payment step) the amount and the lease.
  await startInvite(page, sections, invitee, flowName);
  const amounts = page.getByRole("group", { name: "Payment Amounts" });
  await expect(amounts).toBeVisible();
  await amounts.getByLabel(`${depositName} (EUR)`).fill("350.00");
  await chooseInviteLease(page, propertyName);
  await expectNoSeriousA11yViolations(page, testInfo, "invite form");
  const inviteUrl = await sendInvite(page, invitee);
  await expect(page.getByRole("definition").filter({ hasText: /^Pending$/u })).toBeVisible();

  // The e-mail in the development mailbox, and its magic link.
  const token = await inviteToken(request, email);

  // The tenant, on a device of their own.
  const tenantContext = await tenantDevice(browser, baseURL);
  const tenant = await tenantContext.newPage();
  try {
    await openInviteLink(tenant, token);
    await expectNoSeriousA11yViolations(tenant, testInfo, "invite link page");
    await createAccountFromInvite(tenant, "a long enough password");

    await expect(tenant.getByRole("heading", { level: 1, name: "Your onboarding" })).toBeVisible();
    await expect(tenant.getByText("0 of 3 steps done")).toBeVisible();
    await expect(tenant.getByRole("heading", { level: 2, name: `Step 1 of 3: ${formName}` })).toBeVisible();
    await expectNoSeriousA11yViolations(tenant, testInfo, "onboarding form step");
    await tenant.getByLabel("Employer", { exact: true }).fill("Acme Brussels");
    await tenant.getByRole("button", { name: "Save and continue" }).click();

    await expect(tenant.getByRole("heading", { level: 2, name: `Step 2 of 3: ${rulesName}` })).toBeVisible();
    await expect(tenant.getByText("1 of 3 steps done")).toBeVisible();
    await expect(tenant.getByText("No parties after 22:00.")).toBeVisible();
    await tenant.getByLabel("I have read and accept this text").check();
    await tenant.getByRole("button", { name: "Accept and continue" }).click();

    await expect(tenant.getByRole("heading", { level: 2, name: `Step 3 of 3: ${depositName}` })).toBeVisible();
    await expect(tenant.getByText(`Amount to pay: ${euros(DEPOSIT_CENTS)}`)).toBeVisible();
    await enterCard(tenant, VISA);
    await tenant.getByRole("region", { name: "Pay now" }).getByRole("button", { name: `Pay ${euros(DEPOSIT_CENTS)}` }).click();
    // The pay panel says "Payment received" until the step shows paid (the page keeps asking).
    await expect(tenant.getByRole("heading", { level: 2, name: "You are all set" })).toBeVisible({ timeout: 30_000 });
    await expect(tenant.getByText("3 of 3 steps done")).toBeVisible();
    await tenant.getByRole("link", { name: "Go to the home screen" }).click();
    await expect(tenant.getByRole("heading", { level: 1, name: "Hello, Ines" })).toBeVisible();
    await expect(tenant.getByRole("heading", { level: 2, name: "My leases" })).toBeVisible();
    await expect(tenant.getByText(propertyName).first()).toBeVisible();
    await expect(tenant.getByRole("heading", { name: "Finish your onboarding" })).toHaveCount(0);

    // The link works once: opened again it says so, with the way to sign in.
    await tenant.goto(`/portal/invite/${token}`);
    await expect(tenant.getByRole("heading", { level: 1, name: "This invitation has already been used" })).toBeVisible();
    await expect(tenant.getByRole("link", { name: "Sign in" })).toBeVisible();
  } finally {
    await tenantContext.close();
  }

  // Staff: the invite is Used, every step done with the answers, the deposit's invoice paid.
  await page.goto(inviteUrl);
  await expect(page.getByRole("definition").filter({ hasText: /^Used$/u })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Onboarding progress: 3 of 3 steps" })).toBeVisible();
  await expect(page.getByText("Acme Brussels")).toBeVisible();
  await expect(page.getByText("Accepted version 1 of the text.")).toBeVisible();
  await expect(page.getByText(`Amount: ${euros(DEPOSIT_CENTS)}`)).toBeVisible();
  await page.goto("/agency/customers/invites?status=used");
  await expect(page.getByRole("row", { name: new RegExp(`Ines Vitee ${suffix}`, "u") })).toContainText("3 of 3 steps");
  await page.goto(inviteUrl);
  await page.getByRole("link", { name: "Open the invoice" }).click();
  await expect(page.getByText("Paid", { exact: true }).first()).toBeVisible();
  await page.goto("/agency/customers/registered");
  await page.getByLabel("Search by name, email or phone").fill(email);
  await expect(page.getByRole("row", { name: new RegExp(`Ines Vitee ${suffix}`, "u") })).toBeVisible();
});
