// @ts-check
import { frontEndConfig } from "./config/eslint.js";

export default frontEndConfig({
  rootDir: import.meta.dirname,
  projects: ["./tsconfig.json", "./tsconfig.node.json"],
  ignores: ["src/lib/api/schema.d.ts"],
  restrictedImports: [
    {
      group: ["@/*"],
      message: "`@/` is each app's own alias: web-shared imports its modules by relative path.",
    },
  ],
});
