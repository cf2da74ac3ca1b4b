import type { MiddlewareHandler } from "hono";
import { ServiceError } from "../errors";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cookie-authenticated routes accept state-changing requests only from our own origin:
 * a foreign `Origin` (or a cross-site `Sec-Fetch-Site`) is refused before anything runs.
 * Together with SameSite=Lax cookies and JSON-only bodies this closes CSRF.
 */
export function sameOriginOnly(publicUrl: string): MiddlewareHandler {
  const allowed = new URL(publicUrl).origin;
  return async (c, next) => {
    if (!SAFE.has(c.req.method)) {
      const origin = c.req.header("origin");
      const own = new URL(c.req.url).origin;
      if (origin !== undefined && origin !== allowed && origin !== own) {
        throw new ServiceError(403, "forbidden_origin", "This request came from another site");
      }
      const site = c.req.header("sec-fetch-site");
      if (origin === undefined && site !== undefined && site !== "same-origin" && site !== "none") {
        throw new ServiceError(403, "forbidden_origin", "This request came from another site");
      }
    }
    await next();
  };
}
