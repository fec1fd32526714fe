import type { Middleware } from "openapi-fetch";
import type { Session } from "./session";

export interface AuthMiddlewareOptions {
  /** The UI language, sent as Accept-Language so the API can localise problem details. */
  language?: () => string;
}

/**
 * openapi-fetch middleware: adds `Authorization: Bearer <access token>` to every API call and,
 * when one answers 401, refreshes the session once (shared by all calls that failed together)
 * and replays the call with the new token. Auth endpoints are left alone.
 */
export function createAuthMiddleware(session: Session, { language }: AuthMiddlewareOptions = {}): Middleware {
  // A pristine copy of each request (its body not yet read) and the token it was sent with.
  const sent = new Map<string, { replay: Request; token: string | null }>();

  return {
    onRequest({ request, schemaPath, id }) {
      if (language) request.headers.set("Accept-Language", language());
      if (schemaPath.startsWith("/api/v1/auth/")) return request;
      const token = session.getAccessToken();
      if (token !== null) request.headers.set("Authorization", `Bearer ${token}`);
      sent.set(id, { replay: request.clone(), token });
      return request;
    },

    async onResponse({ response, id, options }) {
      const entry = sent.get(id);
      sent.delete(id);
      if (entry === undefined || response.status !== 401) return undefined;

      // Another call may already have refreshed while this one was in flight.
      let token = session.getAccessToken();
      if (token === null || token === entry.token) {
        token = (await session.refresh()) === "refreshed" ? session.getAccessToken() : null;
      }
      if (token === null) return undefined;

      entry.replay.headers.set("Authorization", `Bearer ${token}`);
      return options.fetch(entry.replay);
    },

    onError({ id }) {
      sent.delete(id);
      return undefined;
    },
  };
}
