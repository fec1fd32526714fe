import { fileURLToPath } from "node:url";
import { frontEndTestConfig } from "@doorstep/web-shared/config/vitest";

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default frontEndTestConfig({
  alias: {
    "@": src(""),
    // vite-plugin-pwa's virtual module exists only in a Vite build; tests get a stand-in.
    "virtual:pwa-register/react": src("testing/pwa-register-stub.ts"),
  },
  setupFiles: ["./src/testing/setup.ts"],
});
