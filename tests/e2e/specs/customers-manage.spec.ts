import type { APIRequestContext } from "@playwright/test";
import { StaffApi } from "../support/collections-api";
import { expect, signInToAgency, STAFF, test, uniqueName } from "../support/fixtures";
import { createAccountFromInvite, openCustomers, openInviteLink, sendInvite, startInvite, tenantDevice } from "../support/onboarding";

/**
 * Seed 001's Customers section, the staff's side after sending: the Onboarding Invites table
 * searched by e-mail and filtered by status; Resend (a fresh link by e-mail, the old one dead);
 * Cancel after confirming (the link says it was cancelled); and on the Customers tab, Delete
 * after confirming — the deleted customer's open portal session stops at once and their
 * password opens nothing.
 */

/** Every magic-link token e-mailed to `email` so far, as the development mailbox lists them. */
async function inviteTokens(request: APIRequestContext, email: string): Promise<string[]> {
  const listing = await (await request.get("/dev/mailbox")).text();
  const pattern = new RegExp(`<td>${email.replace(/[.]/gu, "\\.")}</td><td><a href="(/dev/mailbox/[^"]+)">[^<]*invites you`, "gu");
  const tokens: string[] = [];
  for (const match of listing.matchAll(pattern)) {
    const message = await (await request.get(match[1] ?? "")).text();
    const token = /\/portal\/invite\/([A-Za-z0-9_-]+)/u.exec(message)?.[1];
    if (token !== undefined) tokens.push(token);
  }
  return tokens;
}

/** Waits until `count` invitations have reached `email`'s mailbox; returns their tokens. */
async function waitForInvitations(request: APIRequestContext, email: string, count: number): Promise<string[]> {
  let tokens: string[] = [];
  await expect(async () => {
    tokens = await inviteTokens(request, email);
    expect(tokens).toHaveLength(count);
  }).toPass({ timeout: 100_000 });
  return tokens;
}

test("staff search, filter, resend and cancel invites, and delete a customer who then has no access", async ({ page, browser, request, baseURL }) => {
  test.setTimeout(240_000);
  const suffix = uniqueName("").trim();
  const api = await StaffApi.signIn(request, STAFF.owner);
  const task = await api.post<{ id: string }>("/onboarding/tasks", {
    name: `Rules ${suffix}`,
    kind: "read_and_accept",
    text: "Bins out on Tuesdays.",
  });
  const flowName = `Welcome ${suffix}`;
  await api.post("/onboarding/flows", { name: flowName, task_ids: [task.id] });

  await signInToAgency(page, STAFF.manager);
  const sections = await openCustomers(page);

  // Resend, then Cancel.
  const resent = { firstName: "Rhea", lastName: `Sent ${suffix}`, email: `resent-${suffix}@doorstep.example` };
  const rheaName = `${resent.firstName} ${resent.lastName}`;
  await startInvite(page, sections, resent, flowName);
  await sendInvite(page, resent);
  const [firstToken] = await waitForInvitations(request, resent.email, 1);

  await page.goto("/agency/customers/invites");
  await page.getByLabel("Search by name or email").fill(resent.email);
  const row = page.getByRole("row", { name: new RegExp(rheaName, "u") });
  await expect(row).toContainText("Pending");
  await expect(page.getByRole("row")).toHaveCount(2); // the header and Rhea's invite
  await page.getByLabel("Status").selectOption({ label: "Cancelled" });
  await expect(page.getByText("No invite matches these filters.")).toBeVisible();
  await page.getByLabel("Status").selectOption({ label: "Pending" });
  await expect(row).toBeVisible();

  await row.getByRole("button", { name: `Resend the invite to ${rheaName}` }).click();
  await expect(row.getByRole("status")).toHaveText(`A new link was sent to ${resent.email}; the previous one no longer works.`);
  const tokens = await waitForInvitations(request, resent.email, 2);
  const freshToken = tokens.find((token) => token !== firstToken) ?? "";
  expect(freshToken).not.toBe("");

  const visitor = await tenantDevice(browser, baseURL);
  const link = await visitor.newPage();
  try {
    await link.goto(`/portal/invite/${firstToken ?? ""}`);
    await expect(link.getByRole("heading", { level: 1, name: "This link does not work" })).toBeVisible();
    await openInviteLink(link, freshToken);

    await row.getByRole("button", { name: `Cancel the invite of ${rheaName}` }).click();
    const dialog = page.getByRole("dialog", { name: "Cancel this invite?" });
    await dialog.getByRole("button", { name: "Cancel the invite" }).click();
    await expect(page.getByText("No invite matches these filters.")).toBeVisible(); // no longer Pending
    await page.getByLabel("Status").selectOption({ label: "Cancelled" });
    await expect(page.getByRole("row", { name: new RegExp(rheaName, "u") })).toContainText("Cancelled");
    await link.goto(`/portal/invite/${freshToken}`);
    await expect(link.getByRole("heading", { level: 1, name: "This invitation was cancelled" })).toBeVisible();
  } finally {
    await visitor.close();
  }

  // Delete: a customer with a portal account, signed in on their own device.
  const deleted = { firstName: "Dora", lastName: `Gone ${suffix}`, email: `deleted-${suffix}@doorstep.example` };
  const doraName = `${deleted.firstName} ${deleted.lastName}`;
  const password = "a long enough password";
  await page.goto("/agency/customers/invites");
  await startInvite(page, sections, deleted, flowName);
  await sendInvite(page, deleted);
  const [doraToken] = await waitForInvitations(request, deleted.email, 1);
  const device = await tenantDevice(browser, baseURL);
  const tenant = await device.newPage();
  try {
    await openInviteLink(tenant, doraToken ?? "");
    await createAccountFromInvite(tenant, password);
    await expect(tenant.getByRole("heading", { level: 1, name: "Your onboarding" })).toBeVisible();

    await page.goto("/agency/customers/registered");
    await page.getByLabel("Search by name, email or phone").fill(deleted.email);
    const customer = page.getByRole("row", { name: new RegExp(doraName, "u") });
    await customer.getByRole("button", { name: `Delete ${doraName}` }).click();
    const confirm = page.getByRole("dialog", { name: `Delete ${doraName}?` });
    await expect(confirm).toContainText("signed out of every device at once");
    await confirm.getByRole("button", { name: "Delete the customer" }).click();
    await expect(page.getByRole("status").filter({ hasText: `${doraName} was deleted.` })).toBeVisible();
    await expect(page.getByText("No customer matches this search.")).toBeVisible();

    // Their open session stops at once: the next page they load asks them to sign in, and
    // their password no longer opens anything.
    await tenant.reload();
    await expect(tenant.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await tenant.getByLabel("Email", { exact: true }).fill(deleted.email);
    await tenant.getByLabel("Password", { exact: true }).fill(password);
    await tenant.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(tenant.getByRole("alert")).toBeVisible();
    await expect(tenant.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  } finally {
    await device.close();
  }
});
