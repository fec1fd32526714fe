import { StaffApi } from "../support/collections-api";
import { expect, expectNoSeriousA11yViolations, signInToAgency, STAFF, test, uniqueName } from "../support/fixtures";

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

  const api = await StaffApi.signIn(request, STAFF.owner);
  await api.ownLease(propertyName, { first_name: "Hold", last_name: `Er ${suffix}`, email: `holder-${suffix}@doorstep.example` });

  await signInToAgency(page, STAFF.manager);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }).click();
  const sections = page.getByRole("navigation", { name: "Customers" });

  // Two tasks: a text to accept, and the recurring rent set-up (the demo agency has the feature on).
  await sections.getByRole("link", { name: "Onboarding tasks" }).click();
  const newTask = page.getByRole("region", { name: "New task" });
  await newTask.getByLabel("Name").fill(rulesName);
  await newTask.getByLabel("Kind").selectOption({ label: "Read and accept" });
  await newTask.getByLabel("Text to read and accept").fill("No parties after 22:00.");
  await newTask.getByRole("button", { name: "Create the task" }).click();
  await expect(newTask.getByRole("status")).toHaveText(`Task “${rulesName}” created.`);
  await newTask.getByLabel("Name").fill(recurringName);
  await newTask.getByLabel("Kind").selectOption({ label: "Recurring rent set-up" });
  await expect(newTask.getByText(/Invites with this step need a lease/u)).toBeVisible();
  await newTask.getByRole("button", { name: "Create the task" }).click();
  await expect(newTask.getByRole("status")).toHaveText(`Task “${recurringName}” created.`);
  await expect(page.getByRole("row", { name: new RegExp(recurringName, "u") })).toContainText("Recurring rent on the invite's lease");
  await expectNoSeriousA11yViolations(page, testInfo, "onboarding tasks with a recurring step");

  await sections.getByRole("link", { name: "Onboarding flows" }).click();
  const newFlow = page.getByRole("region", { name: "New flow" });
  await newFlow.getByLabel("Name").fill(flowName);
  for (const option of [`${rulesName} (Read and accept)`, `${recurringName} (Recurring rent set-up)`]) {
    await newFlow.getByLabel("Task", { exact: true }).selectOption({ label: option });
    await newFlow.getByRole("button", { name: "Add the step" }).click();
  }
  await newFlow.getByRole("button", { name: "Create the flow" }).click();
  await expect(newFlow.getByRole("status")).toHaveText(`Flow “${flowName}” created.`);

  // The invite: the flow has a recurring step, so the form asks for the lease it pays.
  await sections.getByRole("link", { name: "Onboarding Invites" }).click();
  await page.getByRole("link", { name: "Invite User" }).click();
  await page.getByLabel("First name").fill("Rita");
  await page.getByLabel("Last name").fill(`Recurring ${suffix}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Onboarding flow").selectOption({ label: flowName });
  await expect(page.getByText("This flow asks the tenant to set up recurring rent: choose the lease whose rent it pays.")).toBeVisible();
  await expect(page.getByRole("group", { name: "Payment Amounts" })).toHaveCount(0);
  await page.getByLabel("Find the lease").fill(propertyName);
  await page.getByRole("radio", { name: new RegExp(propertyName, "u") }).check();
  await expectNoSeriousA11yViolations(page, testInfo, "invite form with a recurring step");
  await page.getByRole("button", { name: "Send Invite" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Invite for Rita Recurring ${suffix}` })).toBeVisible();
  await expect(page.getByText("No recurring payment set up on the lease yet.")).toBeVisible();
  const inviteUrl = page.url();

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

  const tenantContext = await browser.newContext({ ...(baseURL === undefined ? {} : { baseURL }), locale: "en-GB", timezoneId: "Europe/Brussels" });
  const tenant = await tenantContext.newPage();
  try {
    await tenant.goto(`/portal/invite/${token ?? ""}`);
    await tenant.getByLabel("New password", { exact: true }).fill("a long enough password");
    await tenant.getByLabel("Repeat the password", { exact: true }).fill("a long enough password");
    await tenant.getByRole("button", { name: "Create my account" }).click();

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
