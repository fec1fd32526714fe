/**
 * Build-time environment. Vite writes `import.meta.env` into the bundle, so its values are
 * constants of the build: each app's `vite.config.ts` validates them with `parseEnv`
 * (./env-schema) and the build (or dev server) stops on a bad value; at run time each app only
 * reads them with `readEnv(import.meta.env)` in its own `src/lib/env.ts`, without the schema's
 * code on the first load. Only `VITE_*` variables reach the browser; none of them may hold a secret.
 */
export interface Env {
  basePath: string;
  /**
   * The router's basename keeps the trailing slash, so the start page is "/portal/" rather than
   * "/portal": the service worker's scope, the manifest's start_url and the server all use the
   * slash form.
   */
  routerBasename: string;
  apiBaseUrl: string;
  dev: boolean;
}

/** The variables the apps read, as `parseEnv` (./env-schema) has validated them. */
export interface BuildEnv {
  /** Where the app is mounted ("/agency/", "/portal/"); set by Vite from `base`. */
  BASE_URL: string;
  /**
   * Origin of the API. Empty (the default) means same origin: the API serves this app and
   * the dev server proxies /api, which keeps the HttpOnly refresh cookie first-party.
   */
  VITE_API_BASE_URL?: string | undefined;
  DEV: boolean;
}

export function readEnv({ BASE_URL, VITE_API_BASE_URL = "", DEV }: BuildEnv): Env {
  return {
    basePath: BASE_URL,
    routerBasename: BASE_URL.endsWith("/") ? BASE_URL : `${BASE_URL}/`,
    apiBaseUrl: VITE_API_BASE_URL.replace(/\/+$/, ""),
    dev: DEV,
  };
}
