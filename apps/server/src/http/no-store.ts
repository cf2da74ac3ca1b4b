import type { MiddlewareHandler } from "hono";

/**
 * API answers carry an account's data: neither the browser (a shared computer's back button or
 * disk cache) nor a proxy may keep them. A route that chose its own Cache-Control keeps it.
 */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
};
