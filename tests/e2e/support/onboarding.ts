/**
 * The onboarding steps several specs walk the same way: staff building tasks and a flow and
 * sending an invite in the agency SPA, the invite's magic link read from the development mailbox,
 * and the invitee creating their portal account from it on a device of their own.
 */
import type { APIRequestContext, Browser, BrowserContext, Locator, Page } from "@playwright/test";
import { expect } from "./fixtures";

export interface Invitee {
  firstName: string;
  lastName: string;
  email: string;
}

/** Opens the agency SPA's Customers pages (the signed-in staff member lands on the invites). */
export async function openCustomers(page: Page): Promise<Locator> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Onboarding Invites" })).toBeVisible();
  return page.getByRole("navigation", { name: "Customers" });
}

/**
 * Creates a task with the "New task" form of the tasks page; `complete` fills in what the kind
 * asks for (a form's fields, the text to accept) once the kind is chosen.
 */
export async function createTask(page: Page, name: string, kind: string, complete?: (form: Locator) => Promise<void>): Promise<void> {
  const form = page.getByRole("region", { name: "New task" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Kind").selectOption({ label: kind });
  await complete?.(form);
  await form.getByRole("button", { name: "Create the task" }).click();
  await expect(form.getByRole("status")).toHaveText(`Task “${name}” created.`);
}

/** Creates a flow with the "New flow" form of the flows page, its steps chosen in order. */
export async function createFlow(page: Page, name: string, stepOptions: readonly string[]): Promise<void> {
  const form = page.getByRole("region", { name: "New flow" });
  await form.getByLabel("Name").fill(name);
  for (const option of stepOptions) {
    await form.getByLabel("Task", { exact: true }).selectOption({ label: option });
    await form.getByRole("button", { name: "Add the step" }).click();
  }
  await form.getByRole("button", { name: "Create the flow" }).click();
  await expect(form.getByRole("status")).toHaveText(`Flow “${name}” created.`);
}

/** Opens the invite form from the Customers pages and fills in who is invited with which flow. */
export async function startInvite(page: Page, sections: Locator, invitee: Invitee, flowName: string): Promise<void> {
  await sections.getByRole("link", { name: "Onboarding Invites" }).click();
  await page.getByRole("link", { name: "Invite User" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Invite a customer" })).toBeVisible();
  await page.getByLabel("First name").fill(invitee.firstName);
  await page.getByLabel("Last name").fill(invitee.lastName);
  await page.getByLabel("Email address").fill(invitee.email);
  await page.getByLabel("Onboarding flow").selectOption({ label: flowName });
}

/** Picks the invite's lease by its property's name in the invite form. */
export async function chooseInviteLease(page: Page, propertyName: string): Promise<void> {
  await page.getByLabel("Find the lease").fill(propertyName);
  await page.getByRole("radio", { name: new RegExp(propertyName, "u") }).check();
}

/** Sends the invite form and waits for the invite's page; returns its address. */
export async function sendInvite(page: Page, invitee: Invitee): Promise<string> {
  await page.getByRole("button", { name: "Send Invite" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Invite for ${invitee.firstName} ${invitee.lastName}` })).toBeVisible();
  return page.url();
}

/** The token of the magic link in the invite e-mail to `email` (the worker sends it: waits for it). */
export async function inviteToken(request: APIRequestContext, email: string): Promise<string> {
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
  return token ?? "";
}

/** A browser of the tenant's own, apart from the staff member's, with the locale of the demo agency. */
export async function tenantDevice(browser: Browser, baseURL: string | undefined): Promise<BrowserContext> {
  return browser.newContext({ ...(baseURL === undefined ? {} : { baseURL }), locale: "en-GB", timezoneId: "Europe/Brussels" });
}

/** Opens the invite's magic link: the page welcomes the invitee to the demo agency. */
export async function openInviteLink(tenant: Page, token: string): Promise<void> {
  await tenant.goto(`/portal/invite/${token}`);
  await expect(tenant.getByRole("heading", { level: 1, name: "Welcome to Demo Lettings" })).toBeVisible();
}

/** Sets the password on the opened invite link's page: the portal account is created and signed in. */
export async function createAccountFromInvite(tenant: Page, password: string): Promise<void> {
  await tenant.getByLabel("New password", { exact: true }).fill(password);
  await tenant.getByLabel("Repeat the password", { exact: true }).fill(password);
  await tenant.getByRole("button", { name: "Create my account" }).click();
}
