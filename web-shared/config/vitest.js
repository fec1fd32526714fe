// @ts-check
// The unit-test set-up of web-shared and both apps, each from its own vitest.config.ts.
// Plain JavaScript: Vite's config loader hands package imports to Node, which runs no TypeScript.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

/**
 * @typedef {object} FrontEndTestOptions
 * @property {string[]} setupFiles set-up files, relative to the config; they import web-shared's
 *   testing/setup (jest-dom matchers, cleanup)
 * @property {Record<string, string>} [alias] module aliases, e.g. an app's `@` -> its `src/`
 */

/**
 * React in jsdom, mocks and stubs reset after each test.
 * @param {FrontEndTestOptions} options
 */
export function frontEndTestConfig({ setupFiles, alias = {} }) {
  return defineConfig({
    plugins: [react()],
    resolve: { alias },
    test: {
      environment: "jsdom",
      include: ["src/**/*.test.{ts,tsx}"],
      setupFiles,
      clearMocks: true,
      restoreMocks: true,
      unstubGlobals: true,
      // Rendering a whole screen in jsdom takes well under a second alone but several on a
      // loaded two-core machine; vitest's 5 s default then fails tests that are not slow.
      testTimeout: 30_000,
      // Node's Request needs absolute URLs; the browser resolves "" against the page. The
      // "browser" runs in UTC wherever the tests run, so an instant shown on an agency's clock
      // (Brussels in the fixtures) reads the same on every machine, naming the agency's zone.
      env: { VITE_API_BASE_URL: "http://localhost", TZ: "UTC" },
    },
  });
}
