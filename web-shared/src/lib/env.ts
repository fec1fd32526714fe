// zod/mini: the same validation as "zod" at a fraction of the bundle size.
import * as z from "zod/mini";

/**
 * Build-time environment, read once and validated at start-up: each app calls
 * `parseEnv(import.meta.env)` in its own `src/lib/env.ts` (where it may add variables of its own).
 * Only `VITE_*` variables reach the browser; none of them may hold a secret.
 */
const EnvSchema = z.object({
  /** Where the app is mounted ("/agency/", "/portal/"); set by Vite from `base`. */
  BASE_URL: z.string().check(z.startsWith("/")),
  /**
   * Origin of the API. Empty (the default) means same origin: the API serves this app and
   * the dev server proxies /api, which keeps the HttpOnly refresh cookie first-party.
   */
  VITE_API_BASE_URL: z
    ._default(z.string(), "")
    .check(z.refine((value) => value === "" || URL.canParse(value), { message: "must be empty or an absolute URL" })),
  DEV: z.boolean(),
});

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

export function parseEnv(source: Record<string, unknown>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    throw new Error(`Invalid environment:\n${z.prettifyError(result.error)}`);
  }
  const { BASE_URL, VITE_API_BASE_URL, DEV } = result.data;
  return {
    basePath: BASE_URL,
    routerBasename: BASE_URL.endsWith("/") ? BASE_URL : `${BASE_URL}/`,
    apiBaseUrl: VITE_API_BASE_URL.replace(/\/+$/, ""),
    dev: DEV,
  };
}
