import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? "3000"}`;

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      "/api": apiTarget,
      "/webhooks": apiTarget,
      "/fb-sandbox": apiTarget,
      "/optin": apiTarget,
    },
  },
  build: { sourcemap: true, chunkSizeWarningLimit: 1500 },
});
