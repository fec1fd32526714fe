import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, loadEnv, type ProxyOptions } from "vite";
// Bundled with this config (a relative import): Node does not load the package's TypeScript itself.
import { parseEnv } from "../web-shared/src/lib/env-schema";

const BASE = "/agency/";

// The API runs on :8000 in development (`make run`); the built SPA is served by the API itself
// under /agency/, so requests stay same-origin and the refresh cookie just works.
const apiProxy: Record<string, ProxyOptions> = {
  "/api": { target: "http://127.0.0.1:8000" },
};

// React Router's package resolves to its development build under every condition (its
// ENABLE_DEV_WARNINGS on, remix-run/react-router#12532); the production build it ships beside it
// is the same code with those warnings compiled out. As in portal-pwa/vite.config.ts.
const reactRouterProduction = join(
  dirname(createRequire(import.meta.url).resolve("react-router/package.json")),
  "dist/production/index.mjs",
);

export default defineConfig(({ command, mode }) => {
  // What the build writes into the bundle as import.meta.env is checked here: a bad value stops
  // the build (or the dev server), and the app only reads it (src/lib/env.ts).
  parseEnv({
    ...loadEnv(mode, fileURLToPath(new URL(".", import.meta.url)), "VITE_"),
    BASE_URL: BASE,
    DEV: mode !== "production",
  });
  return {
    base: BASE,
    plugins: [react()],
    resolve: {
      alias: [
        { find: "@", replacement: fileURLToPath(new URL("./src", import.meta.url)) },
        ...(command === "build" ? [{ find: /^react-router$/, replacement: reactRouterProduction }] : []),
      ],
    },
    server: { port: 5173, proxy: apiProxy },
    preview: { port: 4173, proxy: apiProxy },
    // No source maps in the build: the API would otherwise publish the whole source with them.
    build: { sourcemap: false },
  };
});
