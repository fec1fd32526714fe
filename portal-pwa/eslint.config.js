// @ts-check
import { frontEndConfig } from "@doorstep/web-shared/config/eslint";
import globals from "globals";

export default frontEndConfig({
  rootDir: import.meta.dirname,
  projects: ["./tsconfig.json", "./tsconfig.sw.json", "./tsconfig.node.json"],
  ignores: ["dev-dist/"],
  extra: [
    {
      // The service worker runs without a DOM.
      files: ["src/sw.ts"],
      languageOptions: { globals: globals.serviceworker },
    },
  ],
});
