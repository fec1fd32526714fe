import { describe, expect, it, vi } from "vitest";
import { createApiClient } from "../api/create-client";
import { createAuthMiddleware } from "./auth-middleware";
import { createSession, type Audience } from "./session";

type Handler = (request: Request) => Response | Promise<Response>;

function json(body: unknown, status = 200) {
  const contentType = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": contentType } });
}

const grant = (token: string) => ({ access_token: token, token_type: "bearer", expires_in: 900, refresh_token: "r" });
const me = { user: { id: "u1", email: "a@b.c", first_name: "Ann", last_name: "Lee", role: "owner" }, agency: {} };

interface FakeApiOptions {
  audience?: Audience;
  canWorkOffline?: () => Promise<boolean>;
}

/** A fake API: routes by method + path, records what it saw. */
function fakeApi(routes: Record<string, Handler>, { audience = "staff", canWorkOffline }: FakeApiOptions = {}) {
  const seen: Request[] = [];
  const fetch = vi.fn(async (request: Request) => {
    seen.push(request.clone());
    const url = new URL(request.url);
    const handler = routes[`${request.method} ${url.pathname}`];
    if (handler === undefined) return json({ title: "Not Found", status: 404 }, 404);
    return handler(request);
  });
  const options = { baseUrl: "http://localhost", fetch };
  const session = createSession(createApiClient(options), canWorkOffline ? { audience, canWorkOffline } : { audience });
  const api = createApiClient(options);
  api.use(createAuthMiddleware(session, { language: () => "fr" }));
  return { session, api, seen, fetch };
}

describe("session", () => {
  it("restores a session from the refresh cookie", async () => {
    const { session, seen } = fakeApi({ "POST /api/v1/auth/staff/refresh": () => json(grant("t1")) });
    expect(session.getSnapshot().status).toBe("restoring");
    await expect(session.restore()).resolves.toBe("authenticated");
    expect(session.getAccessToken()).toBe("t1");
    expect(seen[0]?.credentials).toBe("include");
  });

  it.each<Audience>(["staff", "tenant"])("uses the %s endpoints", async (audience) => {
    const { session, seen } = fakeApi(
      {
        [`POST /api/v1/auth/${audience}/refresh`]: () => json(grant("t1")),
        [`POST /api/v1/auth/${audience}/logout`]: () => new Response(null, { status: 204 }),
      },
      { audience },
    );
    expect(session.audience).toBe(audience);
    await expect(session.restore()).resolves.toBe("authenticated");
    await session.logout();
    expect(seen.map((request) => new URL(request.url).pathname)).toEqual([
      `/api/v1/auth/${audience}/refresh`,
      `/api/v1/auth/${audience}/logout`,
    ]);
  });

  it("is anonymous when the API refuses the refresh", async () => {
    const { session } = fakeApi({
      "POST /api/v1/auth/staff/refresh": () => json({ title: "Unauthorized", status: 401 }, 401),
    });
    await expect(session.restore()).resolves.toBe("anonymous");
  });

  it("is unreachable when the network fails, and recovers later", async () => {
    let online = false;
    const { session } = fakeApi({
      "POST /api/v1/auth/staff/refresh": () => {
        if (!online) throw new TypeError("Failed to fetch");
        return json(grant("t2"));
      },
    });
    await expect(session.restore()).resolves.toBe("unreachable");
    online = true;
    await expect(session.restore()).resolves.toBe("authenticated");
  });

  it("works offline from saved data when the network is down", async () => {
    let online = false;
    const { session } = fakeApi(
      {
        "POST /api/v1/auth/tenant/refresh": () => {
          if (!online) throw new TypeError("Failed to fetch");
          return json(grant("t3"));
        },
      },
      { audience: "tenant", canWorkOffline: () => Promise.resolve(true) },
    );
    await expect(session.restore()).resolves.toBe("offline");
    online = true;
    await expect(session.restore()).resolves.toBe("authenticated");
  });

  it("goes to the login page, not offline mode, when the API refuses the session", async () => {
    const canWorkOffline = vi.fn(() => Promise.resolve(true));
    const { session } = fakeApi(
      { "POST /api/v1/auth/tenant/refresh": () => json({ title: "Unauthorized", status: 401 }, 401) },
      { audience: "tenant", canWorkOffline },
    );
    await expect(session.restore()).resolves.toBe("anonymous");
    expect(canWorkOffline).not.toHaveBeenCalled();
  });

  it("shares one refresh between concurrent callers", async () => {
    const { session, fetch } = fakeApi({ "POST /api/v1/auth/staff/refresh": () => json(grant("t1")) });
    await Promise.all([session.refresh(), session.refresh(), session.restore()]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("logs out: revokes with the token, forgets it and tells listeners", async () => {
    const { session, seen } = fakeApi({ "POST /api/v1/auth/staff/logout": () => new Response(null, { status: 204 }) });
    const signedOut = vi.fn();
    session.onSignedOut(signedOut);
    session.signIn(grant("t1"));
    await session.logout();
    expect(seen[0]?.headers.get("Authorization")).toBe("Bearer t1");
    expect(session.getSnapshot()).toEqual({ status: "anonymous", accessToken: null });
    expect(signedOut).toHaveBeenCalledOnce();
  });

  it("logs out locally even when offline", async () => {
    const { session } = fakeApi({
      "POST /api/v1/auth/staff/logout": () => {
        throw new TypeError("Failed to fetch");
      },
    });
    session.signIn(grant("t1"));
    await session.logout();
    expect(session.getAccessToken()).toBeNull();
  });
});

describe("auth middleware", () => {
  it("sends the bearer token and the UI language", async () => {
    const { session, api, seen } = fakeApi({ "GET /api/v1/me": () => json(me) });
    session.signIn(grant("t1"));
    const { data } = await api.GET("/api/v1/me");
    expect(data?.user.first_name).toBe("Ann");
    expect(seen[0]?.headers.get("Authorization")).toBe("Bearer t1");
    expect(seen[0]?.headers.get("Accept-Language")).toBe("fr");
  });

  it("refreshes once on 401 and replays the call", async () => {
    const { session, api, seen } = fakeApi({
      "GET /api/v1/me": (request) =>
        request.headers.get("Authorization") === "Bearer fresh"
          ? json(me)
          : json({ title: "Unauthorized", status: 401 }, 401),
      "POST /api/v1/auth/staff/refresh": () => json(grant("fresh")),
    });
    session.signIn(grant("expired"));
    const [first, second] = await Promise.all([api.GET("/api/v1/me"), api.GET("/api/v1/me")]);
    expect(first.data?.user.id).toBe("u1");
    expect(second.data?.user.id).toBe("u1");
    expect(seen.filter((request) => request.url.endsWith("/refresh"))).toHaveLength(1);
    expect(session.getAccessToken()).toBe("fresh");
  });

  it("replays a request body", async () => {
    const bodies: unknown[] = [];
    const { session, api } = fakeApi(
      {
        "PATCH /api/v1/portal/me": async (request) => {
          bodies.push(await request.json());
          return request.headers.get("Authorization") === "Bearer fresh"
            ? json({ id: "t", first_name: "T", last_name: "N", email: "e", phone: "+32", agency: { name: "A" } })
            : json({ title: "Unauthorized", status: 401 }, 401);
        },
        "POST /api/v1/auth/tenant/refresh": () => json(grant("fresh")),
      },
      { audience: "tenant" },
    );
    session.signIn(grant("expired"));
    const { data } = await api.PATCH("/api/v1/portal/me", { body: { phone: "+32470000000" } });
    expect(data?.agency.name).toBe("A");
    expect(bodies).toEqual([{ phone: "+32470000000" }, { phone: "+32470000000" }]);
  });

  it("gives up and signs out when the refresh is refused", async () => {
    const { session, api } = fakeApi({
      "GET /api/v1/me": () => json({ title: "Unauthorized", status: 401 }, 401),
      "POST /api/v1/auth/staff/refresh": () => json({ title: "Unauthorized", status: 401 }, 401),
    });
    const signedOut = vi.fn();
    session.onSignedOut(signedOut);
    session.signIn(grant("expired"));
    const { error, response } = await api.GET("/api/v1/me");
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ status: 401 });
    expect(session.getSnapshot().status).toBe("anonymous");
    expect(signedOut).toHaveBeenCalledOnce();
  });

  it("does not refresh around auth endpoints", async () => {
    const { api, fetch } = fakeApi({
      "POST /api/v1/auth/staff/login": () => json({ title: "Unauthorized", status: 401 }, 401),
    });
    const { response } = await api.POST("/api/v1/auth/staff/login", { body: { email: "a@b.c", password: "x" } });
    expect(response.status).toBe(401);
    expect(fetch).toHaveBeenCalledOnce();
  });
});
