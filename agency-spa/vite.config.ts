import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type ProxyOptions } from "vite";

// The API runs on :8000 in development (`make run`); the built SPA is served by the API itself
// under /agency/, so requests stay same-origin and the refresh cookie just works.
const apiProxy: Record<string, ProxyOptions> = {
  "/api": { target: "http://127.0.0.1:8000" },
};

export default defineConfig({
  base: "/agency/",
  plugins: [react()],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  server: { port: 5173, proxy: apiProxy },
  preview: { port: 4173, proxy: apiProxy },
  // No source maps in the build: the API would otherwise publish the whole source with them.
  build: { sourcemap: false },
});
