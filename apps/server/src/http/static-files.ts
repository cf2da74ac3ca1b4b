import { createRequire } from "node:module";
import { dirname } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono, type MiddlewareHandler } from "hono";
import { contentSecurityPolicy } from "./content-security-policy";

const NON_SPA_PREFIXES = ["/api", "/webhooks", "/fb-sandbox", "/optin", "/api-docs-assets"];

/**
 * Vite names every file it writes to assets/ by a hash of its content, so a browser may keep
 * them for a year without asking again; everything else (index.html above all) is checked on
 * every load, so a new build is picked up at once. Set on the finished response: headers
 * serveStatic's `onFound` sets come after its response is built and are lost.
 */
const cacheControl: MiddlewareHandler = async (c, next) => {
  await next();
  if (!c.res.ok || c.res.headers.has("Cache-Control")) return;
  c.res.headers.set(
    "Cache-Control",
    c.req.path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
  );
};

/** The built SPA loads only its own bundle (Vite writes no inline script). */
const SPA_CSP = contentSecurityPolicy();

const spaCsp: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.res.headers.get("Content-Type")?.startsWith("text/html")) {
    c.res.headers.set("Content-Security-Policy", SPA_CSP);
  }
};

/**
 * Serves the built SPA with an index.html fallback for client routes, and Swagger UI assets.
 * Scripts and stylesheets go out as the Brotli or gzip copy written at build time when the
 * browser accepts it.
 */
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
    .use("*", cacheControl)
    .use("*", spaCsp)
    .use("*", serveStatic({ root: staticDir, precompressed: true }))
    .get("*", async (c, next) => {
      if (NON_SPA_PREFIXES.some((p) => c.req.path === p || c.req.path.startsWith(`${p}/`))) {
        return next();
      }
      return serveStatic({
        root: staticDir,
        path: "index.html",
        precompressed: true,
      })(c, next);
    });
}
