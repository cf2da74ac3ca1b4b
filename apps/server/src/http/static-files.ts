import { createRequire } from "node:module";
import { dirname } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";

const NON_SPA_PREFIXES = ["/api", "/webhooks", "/fb-sandbox", "/optin", "/api-docs-assets"];

/** Serves the built SPA with an index.html fallback for client routes, and Swagger UI assets. */
export function staticFiles(staticDir: string) {
  const swaggerDir = dirname(
    createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"),
  );
  return new Hono()
    .use(
      "/api-docs-assets/*",
      serveStatic({
        root: swaggerDir,
        rewriteRequestPath: (p) => p.replace(/^\/api-docs-assets/, ""),
      }),
    )
    .use("*", serveStatic({ root: staticDir }))
    .get("*", async (c, next) => {
      if (NON_SPA_PREFIXES.some((p) => c.req.path === p || c.req.path.startsWith(`${p}/`))) {
        return next();
      }
      return serveStatic({ root: staticDir, path: "index.html" })(c, next);
    });
}
