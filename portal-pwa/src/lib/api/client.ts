import { createApiClient } from "@doorstep/web-shared/lib/api/create-client";
import { createAuthMiddleware } from "@doorstep/web-shared/lib/auth/auth-middleware";
import { createSession } from "@doorstep/web-shared/lib/auth/session";
import { env } from "@/lib/env";
import { i18n } from "@/lib/i18n/i18n";
import { fetchAdoptingStartupRefresh } from "@/lib/api/startup-refresh";

/**
 * The app's one tenant session (access token in memory). Its client has no auth middleware.
 * With the network down and data saved on this device, it goes "offline" instead of "unreachable".
 */
export const session = createSession(createApiClient({ baseUrl: env.apiBaseUrl, fetch: fetchAdoptingStartupRefresh(env.apiBaseUrl) }), {
  audience: "tenant",
  // The persister comes with the screens: it is loaded here only when the network is down.
  canWorkOffline: async () => (await import("@/lib/query-persistence")).hasSavedData(),
});

/** The client every feature uses: same origin, bearer token, one refresh-and-retry on 401. */
export const api = createApiClient({ baseUrl: env.apiBaseUrl });
api.use(createAuthMiddleware(session, { language: () => i18n.resolvedLanguage ?? i18n.language }));

/** Without a session: asks whether the server answers at all (see lib/connectivity). */
export const probeClient = createApiClient({ baseUrl: env.apiBaseUrl });
