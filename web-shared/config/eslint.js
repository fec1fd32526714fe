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

/** Where the date formatter lives, relative to web-shared's root (the only package that lints it). */
const DATE_FORMATTER = "src/lib/format/date.ts";
const WEB_SHARED_ROOT = path.resolve(import.meta.dirname, "..");
/** @type {import("eslint").Linter.Config} */
const DATE_FORMATTER_EXEMPTION = {
  files: [DATE_FORMATTER],
  rules: { "no-restricted-syntax": "off", "no-restricted-properties": "off" },
};

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
        // Dates and times go through one formatter, so every screen of both apps shows an instant
        // on the agency's clock and a date in the one style of its locale (issue 11).
        "no-restricted-properties": [
          "error",
          ...["toLocaleDateString", "toLocaleTimeString", "toLocaleString"].map((property) => ({
            property,
            message: `${property} formats in the browser's zone and style: use @doorstep/web-shared/lib/format/date (dates) or lib/format/money (amounts).`,
          })),
        ],
        "no-restricted-syntax": [
          "error",
          ...["DateTimeFormat", "RelativeTimeFormat"].map((name) => ({
            selector: `MemberExpression[object.name="Intl"][property.name="${name}"]`,
            message: `Intl.${name} outside @doorstep/web-shared/lib/format/date: use that module, which shows instants on the agency's clock and dates in the one style.`,
          })),
        ],
      },
    },
    // The one module allowed to build date formats (see the rules above), in web-shared only.
    ...(path.resolve(rootDir) === WEB_SHARED_ROOT
      ? [DATE_FORMATTER_EXEMPTION]
      : []),
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
