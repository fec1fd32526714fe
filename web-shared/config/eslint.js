// @ts-check
// The ESLint configuration of the front ends: web-shared and both apps lint with these rules,
// each from its own eslint.config.js (which names its folder, tsconfig files and extras).
import js from "@eslint/js";
import path from "node:path";
import reactHooks from "eslint-plugin-react-hooks";
import { reactRefresh } from "eslint-plugin-react-refresh";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";
import { zones } from "./eslint-zones.js";

/**
 * @typedef {object} FrontEndLintOptions
 * @property {string} rootDir `import.meta.dirname` of the calling eslint.config.js
 * @property {string[]} projects its tsconfig files, for the type-aware rules
 * @property {string[]} [ignores] more folders or files to skip (dist/ and coverage/ always are)
 * @property {{ group: string[], message: string }[]} [restrictedImports] import patterns to refuse besides barrels
 * @property {import("eslint").Linter.Config[]} [extra] more config objects, applied last
 */

/** @param {FrontEndLintOptions} options */
export function frontEndConfig({ rootDir, projects, ignores = [], restrictedImports = [], extra = [] }) {
  return defineConfig(
    globalIgnores(["dist/", "coverage/", ...ignores]),
    {
      // Application code: type-aware, strict.
      files: ["**/*.{ts,tsx}"],
      extends: [
        js.configs.recommended,
        tseslint.configs.strictTypeChecked,
        tseslint.configs.stylisticTypeChecked,
        reactHooks.configs.flat.recommended,
        reactRefresh.configs.vite(),
      ],
      languageOptions: {
        globals: globals.browser,
        parserOptions: { project: projects, tsconfigRootDir: rootDir },
      },
      rules: {
        "@typescript-eslint/consistent-type-imports": "error",
        "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
        // Handlers like onClick={() => void mutate()} are fine; promises in JSX props are not.
        "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
        "no-restricted-imports": [
          "error",
          {
            patterns: [
              { group: ["**/index", "**/index.ts", "**/index.tsx"], message: "No barrel files: import the module itself." },
              {
                group: ["@/lib/api/schema"],
                message: "The API types are generated once for both apps: import from @doorstep/web-shared/lib/api/schema.",
              },
              ...restrictedImports,
            ],
          },
        ],
        "no-restricted-globals": [
          "error",
          { name: "sessionStorage", message: "Tokens live in memory only (see web-shared/src/lib/auth/session.ts)." },
        ],
      },
    },
    {
      // Zones: a feature imports neither another feature nor the app layer (docs/architecture.md).
      files: ["src/features/**/*.{ts,tsx}"],
      plugins: { zones },
      rules: { "zones/feature-boundaries": ["error", { srcDir: path.join(rootDir, "src") }] },
    },
    {
      // Tests may use non-null assertions on things they just set up.
      files: ["**/*.test.{ts,tsx}", "src/testing/**"],
      rules: {
        "@typescript-eslint/no-non-null-assertion": "off",
      },
    },
    {
      // Plain Node scripts and configuration.
      files: ["**/*.{js,mjs}"],
      extends: [js.configs.recommended],
      languageOptions: { globals: globals.node },
    },
    ...extra,
  );
}
