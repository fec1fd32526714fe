import type { ApiClient } from "../api/create-client";

/**
 * A signed-in session of one audience: agency staff (the agency app) or a tenant (the portal).
 * The access token lives in this module's memory only — never in localStorage or
 * sessionStorage — so a reload forgets it; the refresh token is an HttpOnly cookie
 * (`doorstep_<audience>_refresh`, Path=/api/v1/auth/<audience>) that JavaScript cannot read, and
 * `restore()` trades it for a new access token on start-up.
 *
 * - restoring:    start-up, waiting for the first refresh
 * - authenticated: we hold an access token
 * - anonymous:    the API said there is no valid session (login needed)
 * - unreachable:  the refresh could not reach the API (network down, 5xx); try again later
 * - offline:      unreachable too, but this device holds data saved from the last session: the
 *                 app shows it read-only instead of sending the user to a login they cannot do
 *                 (only with the `canWorkOffline` option; the tenant portal uses it)
 */
export type SessionStatus = "restoring" | "authenticated" | "anonymous" | "unreachable" | "offline";

export type RefreshOutcome = "refreshed" | "rejected" | "unreachable";

/** Who signs in: each audience has its own endpoints under /api/v1/auth/<audience>/. */
export type Audience = "staff" | "tenant";

export interface SessionSnapshot {
  status: SessionStatus;
  accessToken: string | null;
}

export interface TokenGrant {
  access_token: string;
  expires_in: number;
}

export interface Session {
  readonly audience: Audience;
  getSnapshot: () => SessionSnapshot;
  getAccessToken: () => string | null;
  subscribe: (listener: () => void) => () => void;
  /** Stores the grant of a successful login. */
  signIn: (grant: TokenGrant) => void;
  /** Trades the refresh cookie for a new access token; concurrent callers share one request. */
  refresh: () => Promise<RefreshOutcome>;
  /** First refresh on start-up (or retry after `unreachable` / `offline`). */
  restore: () => Promise<SessionStatus>;
  /** Revokes the session server-side (best effort) and forgets it locally. */
  logout: () => Promise<void>;
  /** Runs whenever the session ends (logout or a refused refresh): clear cached data here. */
  onSignedOut: (handler: () => void) => () => void;
}

export interface SessionOptions {
  audience: Audience;
  /** Whether saved data can be shown while the API is unreachable (see status "offline"). */
  canWorkOffline?: () => Promise<boolean>;
}

const AUTH_PATHS = {
  staff: { refresh: "/api/v1/auth/staff/refresh", logout: "/api/v1/auth/staff/logout" },
  tenant: { refresh: "/api/v1/auth/tenant/refresh", logout: "/api/v1/auth/tenant/logout" },
} as const;

/** `client` must not carry the auth middleware: refresh and logout manage their own headers. */
export function createSession(client: ApiClient, { audience, canWorkOffline }: SessionOptions): Session {
  const paths = AUTH_PATHS[audience];
  let snapshot: SessionSnapshot = { status: "restoring", accessToken: null };
  let inFlight: Promise<RefreshOutcome> | null = null;
  const listeners = new Set<() => void>();
  const signedOutHandlers = new Set<() => void>();

  function update(next: SessionSnapshot) {
    if (next.status === snapshot.status && next.accessToken === snapshot.accessToken) return;
    snapshot = next;
    for (const listener of listeners) listener();
  }

  function signOutLocally() {
    update({ status: "anonymous", accessToken: null });
    for (const handler of signedOutHandlers) handler();
  }

  async function requestRefresh(): Promise<RefreshOutcome> {
    try {
      const { data, response } = await client.POST(paths.refresh, { credentials: "include", body: {} });
      if (data !== undefined) {
        update({ status: "authenticated", accessToken: data.access_token });
        return "refreshed";
      }
      if (response.status >= 500 || response.status === 408) {
        return "unreachable";
      }
      signOutLocally();
      return "rejected";
    } catch {
      // fetch() rejects only when the network fails: keep whatever state we have.
      return "unreachable";
    }
  }

  const session: Session = {
    audience,
    getSnapshot: () => snapshot,
    getAccessToken: () => snapshot.accessToken,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    signIn(grant) {
      update({ status: "authenticated", accessToken: grant.access_token });
    },
    refresh() {
      inFlight ??= requestRefresh().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    async restore() {
      const before = snapshot.status;
      if (before === "authenticated") return before;
      if (before === "unreachable") update({ status: "restoring", accessToken: null });
      const outcome = await session.refresh();
      if (outcome === "unreachable") {
        const offline = canWorkOffline === undefined ? false : await canWorkOffline().catch(() => false);
        // A login may have completed while the refresh was out: never undo it.
        if (session.getSnapshot().status !== "authenticated") {
          update({ status: offline ? "offline" : "unreachable", accessToken: null });
        }
      }
      return session.getSnapshot().status;
    },
    async logout() {
      const token = snapshot.accessToken;
      try {
        await client.POST(paths.logout, {
          credentials: "include",
          headers: token === null ? {} : { Authorization: `Bearer ${token}` },
        });
      } catch {
        // Offline: the server-side session expires on its own; forget it here regardless.
      }
      signOutLocally();
    },
    onSignedOut(handler) {
      signedOutHandlers.add(handler);
      return () => signedOutHandlers.delete(handler);
    },
  };
  return session;
}
