import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? "3000"}`;

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside every built script and stylesheet, at
 * the highest levels, once at build time; the server sends the copy the browser accepts.
 */
function precompress(): Plugin {
  const br = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: "waymark-precompress",
    apply: "build",
    enforce: "post",
    async writeBundle(options, bundle) {
      const dir = options.dir ?? "dist";
      const files = Object.keys(bundle).filter((f) => /\.(js|css|html|svg)$/.test(f));
      await Promise.all(
        files.map(async (file) => {
          const source = await readFile(join(dir, file));
          if (source.length < 1024) return;
          await writeFile(
            join(dir, `${file}.br`),
            await br(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
          );
          await writeFile(join(dir, `${file}.gz`), await gz(source, { level: 9 }));
        }),
      );
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    port: 5173,
    proxy: {
      "/api": apiTarget,
      "/webhooks": apiTarget,
      "/fb-sandbox": apiTarget,
      "/optin": apiTarget,
    },
  },
  // NO_MINIFY=1 keeps function names readable in profiles (e2e/bench/canvas-bench.ts --trace).
  build: { sourcemap: true, chunkSizeWarningLimit: 1500, minify: !process.env.NO_MINIFY },
});
