// @ts-check
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import { reactRefresh } from "eslint-plugin-react-refresh";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores(["dist/", "dev-dist/", "coverage/", "src/lib/api/schema.d.ts"]),
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
      parserOptions: {
        project: ["./tsconfig.json", "./tsconfig.sw.json", "./tsconfig.node.json"],
        tsconfigRootDir: import.meta.dirname,
      },
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
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "sessionStorage", message: "Tokens live in memory only (see src/lib/auth/session.ts)." },
      ],
    },
  },
  {
    // The service worker runs without a DOM.
    files: ["src/sw.ts"],
    languageOptions: { globals: globals.serviceworker },
  },
  {
    // Tests may use non-null assertions on things they just set up.
    files: ["**/*.test.{ts,tsx}", "src/testing/**"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    // Plain Node scripts and this file.
    files: ["**/*.{js,mjs}"],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
);
