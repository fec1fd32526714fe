import { readEnv, type Env } from "@doorstep/web-shared/lib/env";

/** This app's build-time environment (validated by the build: see vite.config.ts). */
export const env: Env = readEnv(import.meta.env);
