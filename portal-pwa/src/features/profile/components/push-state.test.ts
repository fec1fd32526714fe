import { describe, expect, it, vi } from "vitest";
import { deviceLabel, disablePush, enablePush, keyBytes, PushPermissionRefused, pushState, pushSupported, type PushBrowser, type PushInputs } from "./push-state";

const ready: PushInputs = {
  supported: true,
  serverEnabled: true,
  permission: "granted",
  endpoint: "https://fcm.googleapis.com/fcm/send/abc",
  serverEndpoints: ["https://fcm.googleapis.com/fcm/send/abc"],
};

describe("pushState", () => {
  it("is on when the browser is subscribed, allowed, and the server has the subscription", () => {
    expect(pushState(ready)).toBe("on");
  });

  it.each<[string, Partial<PushInputs>, string]>([
    ["the browser has no Push API", { supported: false }, "unsupported"],
    ["the server's key is being read", { serverEnabled: undefined }, "checking"],
    ["the server sends no push", { serverEnabled: false }, "unavailable"],
    ["the tenant blocked notifications", { permission: "denied" }, "denied"],
    ["the browser's subscription is being read", { endpoint: undefined }, "checking"],
    ["the devices are being read", { serverEndpoints: undefined }, "checking"],
    ["the browser is not subscribed", { endpoint: null }, "off"],
    ["the server forgot this subscription (410, or another tenant)", { serverEndpoints: [] }, "off"],
    ["permission was never asked", { permission: "default" }, "off"],
  ])("when %s it is %s", (_, change, expected) => {
    expect(pushState({ ...ready, ...change })).toBe(expected);
  });
});

describe("pushSupported", () => {
  it("needs service workers, the Push API and notifications", () => {
    const navigator = { serviceWorker: {} } as unknown as Navigator;
    expect(pushSupported({ navigator, PushManager: {}, Notification: {} })).toBe(true);
    expect(pushSupported({ navigator, Notification: {} })).toBe(false);
    expect(pushSupported({ navigator: {} as Navigator, PushManager: {}, Notification: {} })).toBe(false);
  });
});

describe("keyBytes", () => {
  it("decodes the base64url application server key", () => {
    expect(Array.from(keyBytes("BP8A-_8"))).toEqual([0x04, 0xff, 0x00, 0xfb, 0xff]);
  });
});

describe("deviceLabel", () => {
  it.each([
    ["Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36", "Chrome · Android"],
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", "Safari · iPhone"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox · Windows"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0", "Edge · Windows"],
    ["curl/8", "Browser"],
  ])("%s is %s", (userAgent, label) => {
    expect(deviceLabel(userAgent)).toBe(label);
  });
});

function fakeSubscription(endpoint: string) {
  const unsubscribe = vi.fn(() => Promise.resolve(true));
  const subscription = {
    endpoint,
    unsubscribe,
    toJSON: () => ({ endpoint, keys: { p256dh: "BPp256", auth: "authsecret" } }),
  } as unknown as PushSubscription;
  return Object.assign(subscription, { dropped: unsubscribe });
}

function fakeBrowser(permission: NotificationPermission, existing: PushSubscription | null = null) {
  const made = fakeSubscription("https://fcm.googleapis.com/fcm/send/new");
  const manager = {
    getSubscription: vi.fn(() => Promise.resolve(existing)),
    subscribe: vi.fn<(options: PushSubscriptionOptionsInit) => Promise<PushSubscription>>(() => Promise.resolve(made)),
  };
  const browser: PushBrowser = {
    requestPermission: vi.fn(() => Promise.resolve(permission)),
    pushManager: () => Promise.resolve(manager),
    userAgent: "Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile Safari/537.36",
  };
  return { browser, manager, made };
}

function fakeServer() {
  return {
    send: vi.fn<(body: { endpoint: string; keys: { p256dh: string; auth: string }; device_label: string }) => Promise<{ id: string }>>(() =>
      Promise.resolve({ id: "device-1" }),
    ),
    remove: vi.fn<(subscriptionId: string) => Promise<void>>(() => Promise.resolve()),
  };
}

describe("enablePush", () => {
  it("asks permission, subscribes with the server's key and sends the subscription", async () => {
    const { browser, manager } = fakeBrowser("granted");
    const server = fakeServer();

    const endpoint = await enablePush(browser, server, "BP8A-_8");

    expect(endpoint).toBe("https://fcm.googleapis.com/fcm/send/new");
    const options = manager.subscribe.mock.calls[0]?.[0];
    expect(options?.userVisibleOnly).toBe(true);
    expect(Array.from(options?.applicationServerKey as Uint8Array)).toEqual([0x04, 0xff, 0x00, 0xfb, 0xff]);
    expect(server.send).toHaveBeenCalledWith({
      endpoint: "https://fcm.googleapis.com/fcm/send/new",
      keys: { p256dh: "BPp256", auth: "authsecret" },
      device_label: "Chrome · Android",
    });
  });

  it("sends the subscription the browser already has instead of making another", async () => {
    const existing = fakeSubscription("https://fcm.googleapis.com/fcm/send/old");
    const { browser, manager } = fakeBrowser("granted", existing);
    const server = fakeServer();

    await enablePush(browser, server, "BP8A-_8");

    expect(manager.subscribe).not.toHaveBeenCalled();
    expect(server.send.mock.calls[0]?.[0].endpoint).toBe("https://fcm.googleapis.com/fcm/send/old");
  });

  it.each<NotificationPermission>(["denied", "default"])("stops when the tenant answers %s", async (answer) => {
    const { browser, manager } = fakeBrowser(answer);
    const server = fakeServer();

    await expect(enablePush(browser, server, "BP8A-_8")).rejects.toBeInstanceOf(PushPermissionRefused);

    expect(manager.subscribe).not.toHaveBeenCalled();
    expect(server.send).not.toHaveBeenCalled();
  });
});

describe("disablePush", () => {
  it("has the server forget this device, then drops the browser's subscription", async () => {
    const existing = fakeSubscription("https://fcm.googleapis.com/fcm/send/mine");
    const { browser } = fakeBrowser("granted", existing);
    const server = fakeServer();

    await disablePush(browser, server, [
      { id: "other", endpoint: "https://fcm.googleapis.com/fcm/send/theirs" },
      { id: "mine", endpoint: "https://fcm.googleapis.com/fcm/send/mine" },
    ]);

    expect(server.remove).toHaveBeenCalledWith("mine");
    expect(server.remove).toHaveBeenCalledTimes(1);
    expect(existing.dropped).toHaveBeenCalled();
  });

  it("does nothing when the browser has no subscription", async () => {
    const { browser } = fakeBrowser("granted", null);
    const server = fakeServer();

    await disablePush(browser, server, [{ id: "mine", endpoint: "x" }]);

    expect(server.remove).not.toHaveBeenCalled();
  });
});
