import { frontEndTestConfig } from "./config/vitest.js";

// web-shared's own tests run with the shared strings and stand-ins for each app's words.
export default frontEndTestConfig({ setupFiles: ["./src/testing/setup.ts", "./src/testing/i18n.ts"] });
