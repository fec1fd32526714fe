import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      "@": src(""),
      // vite-plugin-pwa's virtual module exists only in a Vite build; tests get a stand-in.
      "virtual:pwa-register/react": src("testing/pwa-register-stub.ts"),
    },
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
