// zod/mini: the same validation as "zod" at a fraction of the bundle size.
import * as z from "zod/mini";
import { readEnv, type Env } from "./env";

/**
 * The build-time environment's schema: each app's `vite.config.ts` checks the variables its
 * build writes into the bundle (see ./env), so a bad value stops the build rather than the app.
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

export function parseEnv(source: Record<string, unknown>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    throw new Error(`Invalid environment:\n${z.prettifyError(result.error)}`);
  }
  return readEnv(result.data);
}
