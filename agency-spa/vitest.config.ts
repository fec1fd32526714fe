import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["./src/testing/setup.ts"],
    clearMocks: true,
    restoreMocks: true,
    unstubGlobals: true,
    // Node's Request needs absolute URLs; the browser resolves "" against the page.
    env: { VITE_API_BASE_URL: "http://localhost" },
  },
});
