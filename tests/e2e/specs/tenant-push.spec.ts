import { waitForServiceWorkerControl } from "../support/offline";
import { expect, expectNoSeriousA11yViolations, signInToPortal, test } from "../support/fixtures";

/**
 * Seed 002, push notifications. What a browser here can do without the internet:
 * - Profile shows "Notifications on this device" and its states: blocked when the browser
 *   refuses permission; when permission is granted, Chromium asks its push service (Google's
 *   FCM) for a subscription, which cannot be reached from this machine, so the control shows
 *   that the browser could not turn notifications on (the server then has no device);
 * - the service worker's push handler, fed a push message through the DevTools protocol
 *   (ServiceWorker.deliverPushMessage, what DevTools' "Push" button does), shows the
 *   notification with the payload's title, body, tag and portal URL.
 * Not covered here: a real subscription and delivery through a browser vendor's push service
 * (the backend tests send to a local push service and decrypt the body instead), and a tap
 * on the notification (headless Chromium shows no notification one could click; the URL rule
 * the click handler follows is unit-tested in portal-pwa/src/lib/notification-url.test.ts).
 */

test("a tenant whose browser refuses notifications sees them blocked", async ({ page }, testInfo) => {
  await page.context().clearPermissions();
  await signInToPortal(page);
  await page.goto("/portal/profile");
  const section = page.getByRole("region", { name: "Notifications on this device" });
  await expect(section.getByRole("button", { name: "Turn on notifications" })).toBeVisible();
  await expect(section).toContainText("Off: turn them on");
  await expectNoSeriousA11yViolations(page, testInfo, "portal profile, notifications off");

  // Headless Chromium answers the permission prompt with "denied".
  await section.getByRole("button", { name: "Turn on notifications" }).click();

  await expect(section).toContainText("Notifications are blocked for the portal in this browser.");
  await expect(section.getByRole("button", { name: "Turn on notifications" })).toHaveCount(0);
});

test("with permission, a browser that cannot reach its push service says it could not turn them on", async ({ page, baseURL }) => {
  await page.context().grantPermissions(["notifications"], { origin: new URL(baseURL ?? "http://127.0.0.1").origin });
  await signInToPortal(page);
  await waitForServiceWorkerControl(page);
  await page.goto("/portal/profile");
  const section = page.getByRole("region", { name: "Notifications on this device" });

  await section.getByRole("button", { name: "Turn on notifications" }).click();

  await expect(section.getByRole("alert")).toHaveText("This browser could not turn notifications on or off. Please try again.");
  await expect(section.getByRole("button", { name: "Turn on notifications" })).toBeVisible();
  const devices = await page.evaluate(async () => {
    const ready = await navigator.serviceWorker.ready;
    return (await ready.pushManager.getSubscription())?.endpoint ?? null;
  });
  expect(devices, "no subscription was made").toBeNull();
});

test("the service worker shows a pushed notification with its portal page", async ({ page, baseURL }) => {
  await page.context().grantPermissions(["notifications"], { origin: new URL(baseURL ?? "http://127.0.0.1").origin });
  await signInToPortal(page);
  await waitForServiceWorkerControl(page);
  const cdp = await page.context().newCDPSession(page);
  try {
    const registrationId = new Promise<string>((resolve) => {
      cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
        const portal = registrations.find((r) => r.scopeURL === `${baseURL}/portal/` && !r.isDeleted);
        if (portal !== undefined) resolve(portal.registrationId);
      });
    });
    await cdp.send("ServiceWorker.enable");
    const payload = {
      title: "Visit scheduled",
      body: "The visit for “Leaking tap” is planned for 12 December 2026, 14:00.",
      url: "/portal/incidents/0193a1b2-0000-7000-8000-000000000001",
      tag: "incident-0193a1b2-0000-7000-8000-000000000001",
    };
    await cdp.send("ServiceWorker.deliverPushMessage", {
      origin: baseURL ?? "",
      registrationId: await registrationId,
      data: JSON.stringify(payload),
    });

    const shown = () =>
      page.evaluate(async () => {
        const ready = await navigator.serviceWorker.ready;
        return (await ready.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data as unknown, icon: n.icon }));
      });
    await expect.poll(shown).toEqual([
      {
        title: payload.title,
        body: payload.body,
        tag: payload.tag,
        data: { url: `${baseURL}${payload.url}` },
        icon: `${baseURL}/portal/icons/icon-192.png`,
      },
    ]);
  } finally {
    await cdp.detach();
  }
});
