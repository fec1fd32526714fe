import type { APIRequestContext, Page } from "@playwright/test";
import { StaffApi } from "../support/collections-api";
import { expect, STAFF, test, uniqueName } from "../support/fixtures";

/**
 * A tenant's own language: the tenant switches the portal to Nederlands on their Profile; it is
 * saved on their account, so the next e-mail the agency (English) sends them — a password reset
 * link, read from the development mailbox — is in Dutch, and the portal opens in Dutch when they
 * sign in on another device.
 *
 * The tenant is the spec's own (the demo tenant's language stays as other specs expect it): an
 * account made the way tenants get one, by an onboarding invite accepted through the API.
 */

const PASSWORD = "tulip canal bicycle 77";

/** The newest e-mail to `email` whose subject matches, from the dev mailbox: its subject and body. */
async function mailFromMailbox(request: APIRequestContext, email: string, subject: RegExp): Promise<{ title: string; body: string }> {
  let messagePath = "";
  let title = "";
  await expect(async () => {
    const listing = await (await request.get("/dev/mailbox")).text();
    const rows = [...listing.matchAll(/<td>([^<]+)<\/td><td><a href="(\/dev\/mailbox\/[^"]+)">([^<]*)<\/a>/gu)];
    const row = rows.find(([, to, , found]) => to === email && subject.test(found ?? ""));
    expect(row, `an e-mail to ${email} in the dev mailbox`).toBeDefined();
    messagePath = row?.[2] ?? "";
    title = row?.[3] ?? "";
  }).toPass({ timeout: 100_000 });
  return { title, body: await (await request.get(messagePath)).text() };
}

async function tenantWithAccount(request: APIRequestContext, suffix: string): Promise<string> {
  const email = `polyglot-${suffix}@doorstep.example`;
  const api = await StaffApi.signIn(request, STAFF.manager);
  const task = await api.post<{ id: string }>("/onboarding/tasks", {
    name: `About you ${suffix}`,
    kind: "form",
    fields: [{ key: "employer", label: "Employer" }],
  });
  const flow = await api.post<{ id: string }>("/onboarding/flows", { name: `Welcome ${suffix}`, task_ids: [task.id] });
  await api.post("/onboarding/invites", { first_name: "Noor", last_name: `Peeters ${suffix}`, email, flow_id: flow.id });
  const invite = await mailFromMailbox(request, email, /invites you/u);
  const token = /\/portal\/invite\/([A-Za-z0-9_-]+)/u.exec(invite.body)?.[1];
  expect(token, "the invite link").toBeDefined();
  const accepted = await request.post(`/api/v1/invites/${token ?? ""}/accept`, { data: { password: PASSWORD } });
  expect(accepted.status(), await accepted.text()).toBe(200);
  return email;
}

async function signIn(page: Page, email: string, heading: string, profileLink: string) {
  await page.goto("/portal/login");
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await page.getByLabel(/^(Email|E-mail|E-mailadres)$/u).fill(email);
  await page.getByLabel(/^(Password|Mot de passe|Wachtwoord)$/u).fill(PASSWORD);
  await page.getByRole("button", { name: heading, exact: true }).click();
  await expect(page.getByRole("link", { name: profileLink }).first()).toBeVisible();
}

test("a tenant who switches the portal to Nederlands gets their next e-mail in Dutch, and the portal in Dutch on a new device", async ({ page, browser, request }) => {
  test.setTimeout(240_000);
  const email = await tenantWithAccount(request, uniqueName("").trim());

  await test.step("the tenant chooses Nederlands on their Profile", async () => {
    await signIn(page, email, "Sign in", "Profile");
    await page.getByRole("link", { name: "Profile" }).first().click();
    await expect(page.getByText("Your e-mails and receipts from Demo Lettings are in the agency's language until you choose one here.")).toBeVisible();
    await page.getByRole("combobox", { name: "Language" }).selectOption({ label: "Nederlands" });
    await expect(page.getByText("Opgeslagen: voortaan is Nederlands uw taal.")).toBeVisible();
    // What the account now says (the profile the API answered with), in the portal's new language.
    await expect(page.getByText("Uw e-mails en ontvangstbewijzen van Demo Lettings worden in deze taal geschreven (Nederlands)", { exact: false })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "Profiel" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  });

  await test.step("the next e-mail, a password reset link, is in Dutch", async () => {
    const asked = await request.post("/api/v1/auth/tenant/password-reset", { data: { email } });
    expect(asked.status(), await asked.text()).toBe(202);
    const reset = await mailFromMailbox(request, email, /^Stel uw wachtwoord bij Demo Lettings opnieuw in$/u);
    expect(reset.title).toBe("Stel uw wachtwoord bij Demo Lettings opnieuw in");
    expect(reset.body).toContain("Beste Noor");
  });

  await test.step("on another device the portal opens in Dutch once they sign in", async () => {
    const device = await browser.newContext();
    const other = await device.newPage();
    await signIn(other, email, "Sign in", "Profiel");
    await expect(other.locator("html")).toHaveAttribute("lang", "nl");
    await device.close();
  });
});
