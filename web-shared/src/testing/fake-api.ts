import { vi } from "vitest";

type Handler = (request: Request) => Response | Promise<Response>;

export function jsonResponse(body: unknown, status = 200): Response {
  const contentType = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": contentType } });
}

export const unauthorized = () => jsonResponse({ type: "unauthorized", title: "Unauthorized", status: 401 }, 401);

/**
 * Replaces global fetch with a tiny router keyed by "METHOD /path". Unknown routes answer 404.
 * Returns the mock so tests can inspect the requests.
 */
export function stubApi(routes: Record<string, Handler>) {
  const fetch = vi.fn(async (request: Request) => {
    const { pathname } = new URL(request.url);
    const handler = routes[`${request.method} ${pathname}`];
    return handler === undefined ? jsonResponse({ title: "Not Found", status: 404 }, 404) : handler(request);
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}
