import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, loadEnv, type ProxyOptions } from "vite";
// Bundled with this config (a relative import): Node does not load the package's TypeScript itself.
import { parseEnv } from "../web-shared/src/lib/env-schema";
import { VitePWA } from "vite-plugin-pwa";

const BASE = "/portal/";
const THEME_COLOUR = "#0f5f57";

// The API runs on :8000 in development (`make run`); the built PWA is served by the API itself
// under /portal/, so requests stay same-origin and the refresh cookie just works.
const apiProxy: Record<string, ProxyOptions> = {
  "/api": { target: "http://127.0.0.1:8000" },
};

// React Router's package resolves to its development build under every condition (its
// ENABLE_DEV_WARNINGS on, remix-run/react-router#12532); the production build it ships beside it
// is the same code with those warnings compiled out.
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
    plugins: [
      react(),
      VitePWA({
        // Our own typed service worker (src/sw.ts); the plugin injects the precache manifest.
        strategies: "injectManifest",
        srcDir: "src",
        filename: "sw.ts",
        // New versions wait until the tenant accepts the "update available" prompt.
        registerType: "prompt",
        // Registration happens in UpdatePrompt through virtual:pwa-register/react.
        injectRegister: false,
        injectManifest: {
          globPatterns: ["**/*.{js,css,html,svg,png,ico,webmanifest}"],
        },
        manifest: {
          id: BASE,
          name: "Doorstep — Tenant portal",
          short_name: "Doorstep",
          description: "Your tenancy in your pocket: leases, rent and messages with your letting agency.",
          lang: "en",
          start_url: BASE,
          scope: BASE,
          display: "standalone",
          orientation: "portrait",
          theme_color: THEME_COLOUR,
          background_color: "#ffffff",
          icons: [
            { src: "icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
            { src: "icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
            { src: "icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
          ],
        },
        devOptions: { enabled: false, type: "module" },
      }),
    ],
    resolve: {
      alias: [
        { find: "@", replacement: fileURLToPath(new URL("./src", import.meta.url)) },
        ...(command === "build" ? [{ find: /^react-router$/, replacement: reactRouterProduction }] : []),
        // react-i18next reads useSyncExternalStore from the shim package that backports it to
        // React 17; React 19 has it: the shim's code stays out of the bundle.
        { find: /^use-sync-external-store\/shim$/, replacement: "react" },
      ],
    },
    server: { port: 5174, proxy: apiProxy },
    preview: { port: 4174, proxy: apiProxy },
    // No source maps in the build: the API would otherwise publish the whole source with them.
    build: {
      sourcemap: false,
      // Every browser the build targets (Vite's default, Baseline widely available) preloads
      // modules itself: no polyfill on the first load.
      modulePreload: { polyfill: false },
      rolldownOptions: {
        output: {
          // Two shared chunks instead of dozens of small ones: what starts the app (all of it is
          // fetched before the first render anyway), and the code two or more screens share. Each
          // screen keeps its own chunk; the first screen behind the login fetches its chunk and the
          // shared one, not a file per component and API call (each a round trip on a phone).
          codeSplitting: {
            groups: [
              { name: "start", tags: ["$initial"], priority: 3 },
              // The problem-details parser (zod) on its own: the login page fetches it when a
              // sign-in is refused, without the screens' shared code.
              { name: "problem", test: /\/zod\/|\/web-shared\/src\/lib\/api\/problem\.ts$/, priority: 2 },
              { name: "screens-shared", minShareCount: 2, priority: 1 },
            ],
          },
        },
      },
    },
  };
});
