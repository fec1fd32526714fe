import { afterEach, describe, expect, it, vi } from "vitest";
import { fetchAdoptingStartupRefresh } from "./startup-refresh";

const refresh = () => new Request("http://localhost/api/v1/auth/tenant/refresh", { method: "POST", body: "{}" });

describe("the session client's fetch", () => {
  afterEach(() => {
    delete window.doorstepStartupRefresh;
    vi.unstubAllGlobals();
  });

  it("takes the start-up script's answer for the first refresh only", async () => {
    const early = new Response('{"access_token":"early","expires_in":900}');
    window.doorstepStartupRefresh = Promise.resolve(early);
    const network = vi.fn(() => Promise.resolve(new Response("{}")));
    vi.stubGlobal("fetch", network);
    const fetch = fetchAdoptingStartupRefresh("");

    await fetch(new Request("http://localhost/api/v1/healthz"));
    expect(await fetch(refresh())).toBe(early);
    expect(network).toHaveBeenCalledTimes(1);
    expect(await fetch(refresh())).not.toBe(early);
    expect(network).toHaveBeenCalledTimes(2);
  });

  it("sends the refresh itself for an API elsewhere, or without the script", async () => {
    const network = vi.fn(() => Promise.resolve(new Response("{}")));
    vi.stubGlobal("fetch", network);
    await fetchAdoptingStartupRefresh("")(refresh());
    window.doorstepStartupRefresh = Promise.resolve(new Response("{}"));
    await fetchAdoptingStartupRefresh("https://api.example")(refresh());
    expect(network).toHaveBeenCalledTimes(2);
  });
});
