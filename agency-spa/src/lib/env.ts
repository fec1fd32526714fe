import { parseEnv, type Env } from "@doorstep/web-shared/lib/env";

/** This app's build-time environment, validated once at start-up (see parseEnv). */
export const env: Env = parseEnv(import.meta.env);
