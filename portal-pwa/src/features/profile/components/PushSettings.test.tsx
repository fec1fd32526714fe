import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { PushSettings } from "./PushSettings";

const KEY = { enabled: true, public_key: "BP8A-_8" };
const ENDPOINT = "https://fcm.googleapis.com/fcm/send/this-phone";

/** A browser with the Push API: a service worker whose push manager subscribes on request. */
function installPushBrowser(permissionAnswer: NotificationPermission) {
  let subscription: PushSubscription | null = null;
  const made = {
    endpoint: ENDPOINT,
    toJSON: () => ({ endpoint: ENDPOINT, keys: { p256dh: "BPp256", auth: "authsecret" } }),
    unsubscribe: () => {
      subscription = null;
      return Promise.resolve(true);
    },
  } as unknown as PushSubscription;
  const pushManager = {
    getSubscription: () => Promise.resolve(subscription),
    subscribe: () => {
      subscription = made;
      return Promise.resolve(made);
    },
  };
  const registration = { pushManager } as unknown as ServiceWorkerRegistration;
  const notification = {
    permission: "default" as NotificationPermission,
    requestPermission: () => {
      notification.permission = permissionAnswer;
      return Promise.resolve(permissionAnswer);
    },
  };
  vi.stubGlobal("PushManager", {});
  vi.stubGlobal("Notification", notification);
  Object.defineProperty(navigator, "serviceWorker", {
    configurable: true,
    value: { ready: Promise.resolve(registration), getRegistration: () => Promise.resolve(registration) },
  });
}

describe("PushSettings", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    Reflect.deleteProperty(navigator, "serviceWorker");
  });

  it("says so when the browser cannot receive push", async () => {
    stubApi({
      "GET /api/v1/portal/push/key": () => jsonResponse(KEY),
      "GET /api/v1/portal/push/subscriptions": () => jsonResponse([]),
    });
    renderWithProviders(<PushSettings />);

    expect(await screen.findByText(/This browser cannot show notifications/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Turn on notifications" })).not.toBeInTheDocument();
  });

  it("says so when the server sends no push", async () => {
    installPushBrowser("granted");
    stubApi({
      "GET /api/v1/portal/push/key": () => jsonResponse({ enabled: false, public_key: null }),
      "GET /api/v1/portal/push/subscriptions": () => jsonResponse([]),
    });
    renderWithProviders(<PushSettings />);

    expect(await screen.findByText(/does not send notifications yet/)).toBeInTheDocument();
  });

  it("turns push on at the tenant's tap, then off again", async () => {
    installPushBrowser("granted");
    const devices: { id: string; endpoint: string; device_label: string; created_at: string }[] = [];
    const sent: unknown[] = [];
    const deleted: string[] = [];
    stubApi({
      "GET /api/v1/portal/push/key": () => jsonResponse(KEY),
      "GET /api/v1/portal/push/subscriptions": () => jsonResponse(devices),
      "POST /api/v1/portal/push/subscriptions": async (request) => {
        sent.push(await request.json());
        const device = { id: "d1", endpoint: ENDPOINT, device_label: "Chrome · Android", created_at: "2026-12-07T05:00:00Z" };
        devices.push(device);
        return jsonResponse(device, 201);
      },
      "DELETE /api/v1/portal/push/subscriptions/d1": () => {
        deleted.push("d1");
        devices.length = 0;
        return new Response(null, { status: 204 });
      },
    });
    renderWithProviders(<PushSettings />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Turn on notifications" }));

    expect(await screen.findByRole("button", { name: "Turn off notifications" })).toBeInTheDocument();
    expect(screen.getByText(/^On: this device tells you/)).toBeInTheDocument();
    expect(sent).toEqual([{ endpoint: ENDPOINT, keys: { p256dh: "BPp256", auth: "authsecret" }, device_label: expect.any(String) as string }]);

    await user.click(screen.getByRole("button", { name: "Turn off notifications" }));

    expect(await screen.findByRole("button", { name: "Turn on notifications" })).toBeInTheDocument();
    expect(deleted).toEqual(["d1"]);
  });

  it("shows the blocked state when the tenant refuses the browser's prompt", async () => {
    installPushBrowser("denied");
    stubApi({
      "GET /api/v1/portal/push/key": () => jsonResponse(KEY),
      "GET /api/v1/portal/push/subscriptions": () => jsonResponse([]),
    });
    renderWithProviders(<PushSettings />);

    await userEvent.setup().click(await screen.findByRole("button", { name: "Turn on notifications" }));

    expect(await screen.findByText(/Notifications are blocked for the portal/)).toBeInTheDocument();
  });

  it("lists the tenant's other devices and removes one", async () => {
    installPushBrowser("granted");
    const devices = [{ id: "tablet", endpoint: "https://updates.push.services.mozilla.com/wpush/v2/t", device_label: "Firefox · Linux", created_at: "2026-12-01T10:00:00Z" }];
    stubApi({
      "GET /api/v1/portal/push/key": () => jsonResponse(KEY),
      "GET /api/v1/portal/push/subscriptions": () => jsonResponse(devices),
      "DELETE /api/v1/portal/push/subscriptions/tablet": () => {
        devices.length = 0;
        return new Response(null, { status: 204 });
      },
    });
    renderWithProviders(<PushSettings />);

    expect(await screen.findByText("Firefox · Linux")).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole("button", { name: "Remove" }));

    expect(await screen.findByRole("button", { name: "Turn on notifications" })).toBeInTheDocument();
    expect(screen.queryByText("Firefox · Linux")).not.toBeInTheDocument();
  });
});
