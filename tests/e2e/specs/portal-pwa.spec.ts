import { expect, expectNoSeriousA11yViolations, SEEDED_LEASE, signInToPortal, test } from "../support/fixtures";
import { savedDataMentions, waitForServiceWorkerControl } from "../support/offline";

/** Width and height from a PNG's IHDR chunk (bytes 16–23), or undefined if it is not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature)) return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

interface ManifestIcon {
  src: string;
  sizes?: string;
  type?: string;
  purpose?: string;
}

interface WebAppManifest {
  id?: string;
  name?: string;
  short_name?: string;
  start_url?: string;
  scope?: string;
  display?: string;
  theme_color?: string;
  background_color?: string;
  icons?: ManifestIcon[];
}

test.describe("tenant portal as a PWA", () => {
  test("the manifest meets Chrome's install criteria and the service worker takes control", async ({ profileContext, baseURL }) => {
    // A normal browser profile, not Playwright's default incognito-like context (see profileContext).
    const page = profileContext.pages()[0] ?? (await profileContext.newPage());
    await page.goto("/portal/login");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();

    const manifest = await test.step("the manifest and its icons", async () => {
      const href = await page.locator('link[rel="manifest"]').getAttribute("href");
      expect(href, "index.html links a manifest").not.toBeNull();
      const manifestUrl = new URL(href ?? "", page.url());
      const response = await page.request.get(manifestUrl.href);
      expect(response.status()).toBe(200);
      const body = (await response.json()) as WebAppManifest;

      expect(body).toMatchObject({
        name: expect.stringContaining("Doorstep"),
        short_name: "Doorstep",
        start_url: "/portal/",
        scope: "/portal/",
        display: "standalone",
        theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/iu),
        background_color: expect.stringMatching(/^#[0-9a-f]{6}$/iu),
      });
      const icons = body.icons ?? [];
      const purposes = (icon: ManifestIcon) => (icon.purpose ?? "any").split(/\s+/u);
      for (const size of ["192x192", "512x512"]) {
        expect(icons.some((icon) => icon.sizes === size && purposes(icon).includes("any")), `an "any" icon of ${size}`).toBe(true);
      }
      expect(icons.some((icon) => purposes(icon).includes("maskable")), "a maskable icon").toBe(true);

      for (const icon of icons) {
        const iconUrl = new URL(icon.src, manifestUrl);
        const image = await page.request.get(iconUrl.href);
        expect(image.status(), `${iconUrl.pathname} is served`).toBe(200);
        expect(image.headers()["content-type"]).toBe(icon.type ?? "image/png");
        const size = pngSize(await image.body());
        expect(size, `${iconUrl.pathname} is a PNG`).toBeDefined();
        expect(`${size?.width}x${size?.height}`, `${iconUrl.pathname} is as large as it says`).toBe(icon.sizes);
      }
      return body;
    });

    await test.step("the service worker is registered, activated and controls the page", async () => {
      // `ready` resolves once there is an active worker, possibly still "activating".
      const registration = () =>
        page.evaluate(async () => {
          const ready = await navigator.serviceWorker.ready;
          return { scope: ready.scope, state: ready.active?.state, script: ready.active?.scriptURL };
        });
      await expect
        .poll(registration)
        .toEqual({ scope: `${baseURL}/portal/`, state: "activated", script: `${baseURL}/portal/sw.js` });
      // After a reload the page is controlled from its first request.
      const response = await page.reload();
      expect(response?.fromServiceWorker(), "the reloaded page came from the service worker").toBe(true);
      expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe("activated");
    });

    await test.step("Chrome reports no installability errors", async () => {
      const cdp = await profileContext.newCDPSession(page);
      try {
        const appManifest = await cdp.send("Page.getAppManifest", {});
        expect(appManifest.url).toBe(`${baseURL}/portal/manifest.webmanifest`);
        expect(appManifest.errors, "manifest parse errors").toEqual([]);
        // Chrome's parsed view of the manifest agrees with the file.
        expect(appManifest.manifest).toMatchObject({
          startUrl: `${baseURL}${manifest.start_url ?? ""}`,
          scope: `${baseURL}${manifest.scope ?? ""}`,
        });
        // Chrome reports the display mode by its internal enum name ("kStandalone").
        expect(appManifest.manifest.display).toMatch(/^k?standalone$/iu);
        const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
        expect(installabilityErrors).toEqual([]);
      } finally {
        await cdp.detach();
      }
    });
  });

  test("offline, the portal still opens and shows the leases it last loaded", async ({ page, context }, testInfo) => {
    await signInToPortal(page);
    const seededCard = () =>
      page.getByRole("region", { name: "My leases" }).getByRole("article", { name: `${SEEDED_LEASE.property}, ${SEEDED_LEASE.unit}` });
    await expect(seededCard()).toBeVisible();
    await waitForServiceWorkerControl(page);
    await expect.poll(() => savedDataMentions(page, SEEDED_LEASE.property), { message: "the leases are saved on the device" }).toBe(true);

    await context.setOffline(true);
    try {
      const response = await page.reload();
      expect(response?.fromServiceWorker(), "the app shell came from the service worker's precache").toBe(true);
      await expect(page.getByRole("status").filter({ hasText: "You are offline." })).toBeVisible();
      await expect(page.getByRole("heading", { level: 2, name: "My leases" })).toBeVisible();
      await expect(seededCard()).toBeVisible();
      await expect(seededCard()).toContainText("Active");
      await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);
      await expectNoSeriousA11yViolations(page, testInfo, "portal home, offline");
    } finally {
      await context.setOffline(false);
    }
    // Back online, the app notices by itself: the session comes back and the banner goes.
    const offlineBanner = page.getByRole("status").filter({ hasText: "You are offline." });
    await expect(offlineBanner).toHaveCount(0);
    await expect(seededCard()).toBeVisible();
    await page.reload();
    await expect(seededCard()).toBeVisible();
    await expect(offlineBanner).toHaveCount(0);
  });
});
