import { expect, test, watchForCspViolations } from "../support/fixtures";

/**
 * Both built apps come with their security headers, and their Content-Security-Policy really
 * holds in Chromium: script injected into the page does not run, and the browser reports it
 * (the report every other test listens for, through the shared fixture, to prove the apps
 * themselves load without one).
 */
for (const app of ["/agency/login", "/portal/login"]) {
  test(`${app} is served with its security headers and blocks injected script`, async ({ browser, baseURL }) => {
    // A context of its own: the shared one would fail this test for the violation it provokes.
    const context = await browser.newContext({ ...(baseURL === undefined ? {} : { baseURL }) });
    try {
      const violations = watchForCspViolations(context);
      const page = await context.newPage();
      const response = await page.goto(app);
      const headers = response?.headers() ?? {};
      expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(headers["content-security-policy"]).toContain("script-src 'self'");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("no-referrer");
      await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
      expect(violations).toEqual([]);

      await page.evaluate(() => {
        const script = document.createElement("script");
        script.textContent = "document.body.dataset.injected = 'ran';";
        document.body.append(script);
      });

      await expect.poll(() => violations.length).toBeGreaterThan(0);
      expect(await page.evaluate(() => document.body.dataset.injected)).toBeUndefined();
    } finally {
      await context.close();
    }
  });
}
