// @ts-check
import { frontEndConfig } from "@doorstep/web-shared/config/eslint";

export default frontEndConfig({
  rootDir: import.meta.dirname,
  projects: ["./tsconfig.json", "./tsconfig.node.json"],
});
