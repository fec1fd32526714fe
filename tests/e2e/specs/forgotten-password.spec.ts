import type { APIRequestContext } from "@playwright/test";
import { StaffApi } from "../support/collections-api";
import { expect, expectNoSeriousA11yViolations, STAFF, test, uniqueName } from "../support/fixtures";

/**
 * Issue 13, acceptance 5 (second spec): a tenant who forgot their password asks for a link from
 * the portal's login page, opens it from the development mailbox, chooses a new password, and
 * signs in with it; the old password no longer works, and the used link says so.
 *
 * The tenant is the spec's own (the demo tenant's password stays as other specs expect it): an
 * account made the way tenants get one, by an onboarding invite accepted through the API.
 */

const OLD_PASSWORD = "first long enough password";
const NEW_PASSWORD = "quiet orchard lantern 42";

/** The link of the newest e-mail to `email` whose subject matches, from the dev mailbox. */
async function linkFromMailbox(request: APIRequestContext, email: string, subject: RegExp, link: RegExp): Promise<string> {
  let messagePath = "";
  await expect(async () => {
    const listing = await (await request.get("/dev/mailbox")).text();
    const rows = [...listing.matchAll(/<td>([^<]+)<\/td><td><a href="(\/dev\/mailbox\/[^"]+)">([^<]*)<\/a>/gu)];
    const row = rows.find(([, to, , title]) => to === email && subject.test(title ?? ""));
    expect(row, `an e-mail to ${email} in the dev mailbox`).toBeDefined();
    messagePath = row?.[2] ?? "";
  }).toPass({ timeout: 100_000 });
  const message = await (await request.get(messagePath)).text();
  const token = link.exec(message)?.[1];
  expect(token, "the link in the e-mail").toBeDefined();
  return token ?? "";
}

/** A tenant with a portal account of their own: invited with a one-form flow, the invite accepted. */
async function tenantWithAccount(request: APIRequestContext, suffix: string): Promise<string> {
  const email = `forgetful-${suffix}@doorstep.example`;
  const api = await StaffApi.signIn(request, STAFF.manager);
  const task = await api.post<{ id: string }>("/onboarding/tasks", {
    name: `About you ${suffix}`,
    kind: "form",
    fields: [{ key: "employer", label: "Employer" }],
  });
  const flow = await api.post<{ id: string }>("/onboarding/flows", { name: `Welcome ${suffix}`, task_ids: [task.id] });
  await api.post("/onboarding/invites", { first_name: "Fran", last_name: `Getful ${suffix}`, email, flow_id: flow.id });
  const invite = await linkFromMailbox(request, email, /invites you/u, /\/portal\/invite\/([A-Za-z0-9_-]+)/u);
  const accepted = await request.post(`/api/v1/invites/${invite}/accept`, { data: { password: OLD_PASSWORD } });
  expect(accepted.status(), await accepted.text()).toBe(200);
  return email;
}

test("a tenant resets a forgotten password from the login page through the e-mailed link", async ({ page, request }, testInfo) => {
  test.setTimeout(240_000);
  const email = await tenantWithAccount(request, uniqueName("").trim());

  await page.goto("/portal/login");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, testInfo, "forgot password page");
  await page.getByLabel("Email address", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "If this address has an account" })).toBeVisible();

  const token = await linkFromMailbox(request, email, /Reset your .* password/u, /\/portal\/reset-password\/([A-Za-z0-9_-]+)/u);
  await page.goto(`/portal/reset-password/${token}`);
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await expect(page.getByText(`For ${email} at Demo Lettings.`, { exact: false })).toBeVisible();
  await expectNoSeriousA11yViolations(page, testInfo, "reset password page");
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Repeat the new password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Save the new password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your password has been changed." })).toBeVisible();

  // The old password is refused; the new one signs in.
  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(OLD_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("The email address or password is incorrect.");
  await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("link", { name: "Profile" }).first()).toBeVisible();
  await expect(page).not.toHaveURL(/\/login/u);

  // The link worked once.
  await page.goto(`/portal/reset-password/${token}`);
  await expect(page.getByRole("heading", { level: 1, name: "This link has already been used" })).toBeVisible();
});
