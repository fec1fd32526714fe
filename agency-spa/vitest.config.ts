import { fileURLToPath } from "node:url";
import { frontEndTestConfig } from "@doorstep/web-shared/config/vitest";

export default frontEndTestConfig({
  alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  setupFiles: ["./src/testing/setup.ts"],
});
