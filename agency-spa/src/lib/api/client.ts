import { env } from "@/lib/env";
import { i18n } from "@/lib/i18n/i18n";
import { createAuthMiddleware } from "@/lib/auth/auth-middleware";
import { createSession } from "@/lib/auth/session";
import { createApiClient } from "./create-client";

/** The app's one session (access token in memory). Its client has no auth middleware. */
export const session = createSession(createApiClient({ baseUrl: env.apiBaseUrl }));

/** The client every feature uses: same origin, bearer token, one refresh-and-retry on 401. */
export const api = createApiClient({ baseUrl: env.apiBaseUrl });
api.use(createAuthMiddleware(session, { language: () => i18n.resolvedLanguage ?? i18n.language }));
