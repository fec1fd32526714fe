import { env } from "@/lib/env";
import { i18n } from "@/lib/i18n/i18n";
import { createAuthMiddleware } from "@/lib/auth/auth-middleware";
import { createSession } from "@/lib/auth/session";
import { hasSavedData } from "@/lib/query-persistence";
import { createApiClient } from "./create-client";

/**
 * The app's one tenant session (access token in memory). Its client has no auth middleware.
 * With the network down and data saved on this device, it goes "offline" instead of "unreachable".
 */
export const session = createSession(createApiClient({ baseUrl: env.apiBaseUrl }), { canWorkOffline: hasSavedData });

/** The client every feature uses: same origin, bearer token, one refresh-and-retry on 401. */
export const api = createApiClient({ baseUrl: env.apiBaseUrl });
api.use(createAuthMiddleware(session, { language: () => i18n.resolvedLanguage ?? i18n.language }));
