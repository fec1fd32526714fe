declare global {
  interface Window {
    /** The start-up refresh public/start-session.js sent before the app's code arrived. */
    doorstepStartupRefresh?: Promise<Response>;
  }
}

const REFRESH_PATH = "/api/v1/auth/tenant/refresh";

/**
 * The session client's fetch: its first refresh takes the answer public/start-session.js already
 * asked for (same origin only: that script knows no other API address); every other request, and
 * every later refresh, goes to the network. The script runs before the app's code (a deferred
 * script placed before it in index.html), so the app never sends the same refresh token first. Without the script's answer (it failed to load, or
 * the app runs without index.html) the refresh is sent here as before.
 */
export function fetchAdoptingStartupRefresh(apiBaseUrl: string): (request: Request) => Promise<Response> {
  let startup = apiBaseUrl === "" ? window.doorstepStartupRefresh : undefined;
  return (request) => {
    const early = startup;
    if (early !== undefined && request.method === "POST" && new URL(request.url).pathname === REFRESH_PATH) {
      startup = undefined;
      return early;
    }
    return globalThis.fetch(request);
  };
}
