import type { Page } from "@playwright/test";
import { StaffApi } from "../support/collections-api";
import { expect, expectNoSeriousA11yViolations, signInToAgency, STAFF, test, uniqueName } from "../support/fixtures";

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

  // The spec's own active lease (its current tenant is someone else: the invitee joins it).
  const api = await StaffApi.signIn(request, STAFF.owner);
  await api.ownLease(propertyName, { first_name: "Hold", last_name: `Er ${suffix}`, email: `holder-${suffix}@doorstep.example` });

  await signInToAgency(page, STAFF.manager);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Onboarding Invites" })).toBeVisible();
  const sections = page.getByRole("navigation", { name: "Customers" });

  // Three reusable tasks, "Is Onboarding" on.
  await sections.getByRole("link", { name: "Onboarding tasks" }).click();
  const newTask = page.getByRole("region", { name: "New task" });
  await newTask.getByLabel("Name").fill(formName);
  await newTask.getByLabel("Kind").selectOption({ label: "Form" });
  await newTask.getByLabel("Fields", { exact: true }).fill("Employer\nPets (optional)");
  await newTask.getByRole("button", { name: "Create the task" }).click();
  await expect(newTask.getByRole("status")).toHaveText(`Task “${formName}” created.`);
  await newTask.getByLabel("Name").fill(rulesName);
  await newTask.getByLabel("Kind").selectOption({ label: "Read and accept" });
  await newTask.getByLabel("Text to read and accept").fill("No parties after 22:00.\nBins out on Tuesdays.");
  await newTask.getByRole("button", { name: "Create the task" }).click();
  await expect(newTask.getByRole("status")).toHaveText(`Task “${rulesName}” created.`);
  await newTask.getByLabel("Name").fill(depositName);
  await newTask.getByLabel("Kind").selectOption({ label: "Payment" });
  await newTask.getByRole("button", { name: "Create the task" }).click();
  await expect(newTask.getByRole("status")).toHaveText(`Task “${depositName}” created.`);
  await expect(page.getByRole("row", { name: new RegExp(depositName, "u") })).toBeVisible();
  await expectNoSeriousA11yViolations(page, testInfo, "onboarding tasks");

  // A flow of the three, in order.
  await sections.getByRole("link", { name: "Onboarding flows" }).click();
  const newFlow = page.getByRole("region", { name: "New flow" });
  await newFlow.getByLabel("Name").fill(flowName);
  for (const option of [`${formName} (Form)`, `${rulesName} (Read and accept)`, `${depositName} (Payment)`]) {
    await newFlow.getByLabel("Task", { exact: true }).selectOption({ label: option });
    await newFlow.getByRole("button", { name: "Add the step" }).click();
  }
  await newFlow.getByRole("button", { name: "Create the flow" }).click();
  await expect(newFlow.getByRole("status")).toHaveText(`Flow “${flowName}” created.`);
  await expect(page.getByRole("row", { name: new RegExp(flowName, "u") })).toContainText("Yes");

  // The invite: names, e-mail, the flow, and (it has a payment step) the amount and the lease.
  await sections.getByRole("link", { name: "Onboarding Invites" }).click();
  await page.getByRole("link", { name: "Invite User" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Invite a customer" })).toBeVisible();
  await page.getByLabel("First name").fill("Ines");
  await page.getByLabel("Last name").fill(`Vitee ${suffix}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Onboarding flow").selectOption({ label: flowName });
  const amounts = page.getByRole("group", { name: "Payment Amounts" });
  await expect(amounts).toBeVisible();
  await amounts.getByLabel(`${depositName} (EUR)`).fill("350.00");
  await page.getByLabel("Find the lease").fill(propertyName);
  await page.getByRole("radio", { name: new RegExp(propertyName, "u") }).check();
  await expectNoSeriousA11yViolations(page, testInfo, "invite form");
  await page.getByRole("button", { name: "Send Invite" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Invite for Ines Vitee ${suffix}` })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: /^Pending$/u })).toBeVisible();
  const inviteUrl = page.url();

  // The e-mail in the development mailbox, and its magic link.
  let messagePath = "";
  await expect(async () => {
    const listing = await (await request.get("/dev/mailbox")).text();
    const match = new RegExp(`<td>${email.replace(/[.]/gu, "\\.")}</td><td><a href="(/dev/mailbox/[^"]+)">[^<]*invites you`, "u").exec(listing);
    expect(match, "the invite e-mail in the dev mailbox").not.toBeNull();
    messagePath = match?.[1] ?? "";
  }).toPass({ timeout: 100_000 });
  const message = await (await request.get(messagePath)).text();
  const token = /\/portal\/invite\/([A-Za-z0-9_-]+)/u.exec(message)?.[1];
  expect(token, "the magic link in the e-mail").toBeDefined();

  // The tenant, on a device of their own.
  const tenantContext = await browser.newContext({ ...(baseURL === undefined ? {} : { baseURL }), locale: "en-GB", timezoneId: "Europe/Brussels" });
  const tenant = await tenantContext.newPage();
  try {
    await tenant.goto(`/portal/invite/${token ?? ""}`);
    await expect(tenant.getByRole("heading", { level: 1, name: "Welcome to Demo Lettings" })).toBeVisible();
    await expectNoSeriousA11yViolations(tenant, testInfo, "invite link page");
    await tenant.getByLabel("New password", { exact: true }).fill("a long enough password");
    await tenant.getByLabel("Repeat the password", { exact: true }).fill("a long enough password");
    await tenant.getByRole("button", { name: "Create my account" }).click();

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
    await tenant.goto(`/portal/invite/${token ?? ""}`);
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
