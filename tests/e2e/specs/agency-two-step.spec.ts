import { createHmac } from "node:crypto";
import { StaffApi } from "../support/collections-api";
import { expect, expectNoSeriousA11yViolations, STAFF, test, uniqueName } from "../support/fixtures";

/**
 * Seed 002 (secure authentication): a staff member sets up two-step sign-in from "Your account"
 * (the QR code and the key for typing in, a code to confirm, the recovery codes shown once), then
 * signs in again: the password is not enough, the code of the app finishes the sign-in.
 *
 * The staff member is the spec's own (added by the demo owner), so the demo accounts other specs
 * sign in with keep signing in with their password alone. The codes are computed here as an
 * authenticator app computes them (RFC 6238: HMAC-SHA1 over the 30-second step, 6 digits).
 */

const PASSWORD = "tidy harbour compass 58";

function base32Decode(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of text.replace(/[\s=]/gu, "").toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** What an authenticator app shows for `secret`, `stepOffset` steps from now. */
function totp(secret: string, stepOffset = 0): string {
  const counter = Math.floor(Date.now() / 1000 / 30) + stepOffset;
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac("sha1", base32Decode(secret)).update(message).digest();
  const offset = (digest.at(-1) ?? 0) & 0x0f;
  const value = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 1_000_000).padStart(6, "0");
}

test("a staff member sets up two-step sign-in and signs in with a code from the app", async ({ page, request }, testInfo) => {
  test.setTimeout(180_000);
  const suffix = uniqueName("").trim();
  const email = `two-step-${suffix}@doorstep.example`;
  const owner = await StaffApi.signIn(request, STAFF.owner);
  await owner.post("/staff", { email, first_name: "Tess", last_name: `Twostep ${suffix}`, role: "manager", password: PASSWORD });

  await page.goto("/agency/login");
  await page.getByLabel("Email address", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

  await page.goto("/agency/account");
  const section = page.getByRole("region", { name: "Two-step sign-in" });
  await expect(section).toBeVisible();
  await section.getByLabel("Current password", { exact: true }).fill(PASSWORD);
  await section.getByRole("button", { name: "Set up two-step sign-in" }).click();
  await expect(section.getByRole("img", { name: /QR code/u })).toBeVisible();
  const secret = (await section.getByTestId("two-step-secret").textContent()) ?? "";
  expect(secret.replace(/\s/gu, "")).toMatch(/^[A-Z2-7]{32}$/u);
  await expectNoSeriousA11yViolations(page, testInfo, "two-step set-up");
  await section.getByLabel("6-digit code from the app", { exact: true }).fill(totp(secret));
  await section.getByRole("button", { name: "Turn on" }).click();

  await expect(section.getByRole("heading", { name: "Your recovery codes" })).toBeVisible();
  await expect(section.getByRole("listitem")).toHaveCount(10);
  await section.getByRole("button", { name: "I have saved them" }).click();
  await expect(section.getByText("10 recovery codes left.", { exact: false })).toBeVisible();

  // Signing in again: the password alone asks for the code; the app's next code finishes it
  // (the current step's code was taken by the set-up, and a code is taken once).
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email address", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Two-step sign-in" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, testInfo, "two-step sign-in");
  const wrong = String((Number(totp(secret, 1)) + 500_000) % 1_000_000).padStart(6, "0");
  await page.getByLabel("Code from your app", { exact: true }).fill(wrong);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("This code is not right", { exact: false })).toBeVisible();
  await page.getByLabel("Code from your app", { exact: true }).fill(totp(secret, 1));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

  // The owner sees it on Settings → Team.
  const team = await owner.get<{ items: { staff_id: string }[] }>("/staff/two-factor");
  expect(team.items.length).toBeGreaterThan(0);
});
