import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type BrowserContext, type Page, type TestInfo } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { BASE_URL_VARIABLE } from "./server";

export { expect };

/** The demo logins `doorstep seed` creates (backend/doorstep/seed.py). */
export interface Login {
  email: string;
  password: string;
}

export const STAFF = {
  owner: { email: "owner@doorstep.example", password: "demo-owner-pass" },
  manager: { email: "manager@doorstep.example", password: "demo-manager-pass" },
  accountant: { email: "accountant@doorstep.example", password: "demo-accountant-pass" },
  viewer: { email: "viewer@doorstep.example", password: "demo-viewer-pass" },
} satisfies Record<string, Login>;

export const TENANT = {
  email: "tenant@doorstep.example",
  password: "demo-tenant-pass",
  firstName: "Tess",
  fullName: "Tess Tenant",
} as const;

/** Seeded: Tess Tenant's active lease. */
export const SEEDED_LEASE = { property: "Residence Louise", unit: "Flat 1A" } as const;

interface Fixtures {
  /**
   * A browser context on a real (persistent) profile in a fresh directory. Playwright's usual
   * contexts are off-the-record, like incognito windows, where Chrome never offers to install a
   * web app (installability error "in-incognito"); a tenant's phone or desktop browser is not.
   * Same launch options, locale and base URL as every other test.
   */
  profileContext: BrowserContext;
}

/**
 * Collects what the browser reports as blocked by the server's Content-Security-Policy in any
 * page of `context` (Chromium logs "Refused to … because it violates the following Content
 * Security Policy directive …" as a console error), as they come. Every test ends by expecting
 * none: a policy that blocks part of our own app (or Stripe.js) is a bug even when the test passed.
 */
export function watchForCspViolations(context: BrowserContext): readonly string[] {
  const violations: string[] = [];
  context.on("console", (message) => {
    if (message.type() === "error" && /Content[- ]Security[- ]Policy/iu.test(message.text())) {
      violations.push(`${message.page()?.url() ?? "?"}: ${message.text()}`);
    }
  });
  return violations;
}

function expectNoCspViolations(violations: readonly string[]): void {
  expect(violations, "Content Security Policy violations").toEqual([]);
}

/** Every test talks to the server global-setup.ts started (or to $DOORSTEP_E2E_BASE_URL). */
export const test = base.extend<Fixtures>({
  baseURL: async ({}, use) => {
    const url = process.env[BASE_URL_VARIABLE];
    if (url === undefined || url === "") throw new Error(`${BASE_URL_VARIABLE} is not set: global-setup.ts did not run`);
    await use(url);
  },
  // Every page of every test: the built apps load and run without a CSP violation.
  context: async ({ context }, use) => {
    const violations = watchForCspViolations(context);
    await use(context);
    expectNoCspViolations(violations);
  },
  profileContext: async ({ playwright, launchOptions, headless, baseURL, locale, timezoneId, viewport }, use, testInfo) => {
    const context = await playwright.chromium.launchPersistentContext(testInfo.outputPath("chromium-profile"), {
      ...launchOptions,
      headless,
      ...(baseURL === undefined ? {} : { baseURL }),
      ...(locale === undefined ? {} : { locale }),
      ...(timezoneId === undefined ? {} : { timezoneId }),
      viewport,
    });
    const violations = watchForCspViolations(context);
    // Playwright traces this context like its own ones (trace: "retain-on-failure").
    try {
      await use(context);
      expectNoCspViolations(violations);
    } finally {
      await context.close();
    }
  },
});

/** A name no other test or run uses ("E2E House 3f9a1c"). */
export function uniqueName(prefix: string): string {
  return `${prefix} ${randomBytes(3).toString("hex")}`;
}

/** Signs a staff member in to the agency SPA and waits for its main navigation. */
export async function signInToAgency(page: Page, login: Login): Promise<void> {
  await page.goto("/agency/login");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email address", { exact: true }).fill(login.email);
  await page.getByLabel("Password", { exact: true }).fill(login.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

/** Logs the signed-in staff member out of the agency SPA and signs `login` in. */
export async function switchUser(page: Page, login: Login): Promise<void> {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await signInToAgency(page, login);
}

/** Signs a tenant in to the portal PWA and waits for the home screen's leases. */
export async function signInToPortal(page: Page, login: Login = TENANT): Promise<void> {
  await page.goto("/portal/login");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill(login.email);
  await page.getByLabel("Password", { exact: true }).fill(login.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: "My leases" })).toBeVisible();
}

const FAILING_IMPACTS = new Set(["serious", "critical"]);

/**
 * Runs axe-core on the page as it is now (less the card field Stripe.js renders). Serious and critical violations fail the test (softly:
 * the test goes on, so one run reports every screen); all violations, minor ones included, are
 * attached to the report.
 */
export async function expectNoSeriousA11yViolations(page: Page, testInfo: TestInfo, label: string): Promise<void> {
  // The card field belongs to Stripe.js (an iframe of Stripe's own on the real Stripe; plain
  // placeholder-only inputs in the local stand-in, localstripe): not ours to check.
  const results = await new AxeBuilder({ page }).exclude("[data-card-element]").analyze();
  await testInfo.attach(`axe: ${label}`, { body: JSON.stringify(results.violations, null, 2), contentType: "application/json" });
  const failing = results.violations.filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ""));
  const report = failing.map(
    (violation) =>
      `${violation.impact}: ${violation.id} — ${violation.help} (${violation.helpUrl})\n` +
      violation.nodes.map((node) => `    ${node.target.join(" ")}: ${node.failureSummary?.replace(/\n/gu, " ") ?? ""}`).join("\n"),
  );
  expect.soft(report, `serious/critical accessibility violations on ${label} (${page.url()})`).toEqual([]);
}
