import { isDatabaseUnavailable } from "@waymark/db";
import type { Context } from "hono";
import type { ErrorBody } from "../errors";

/** What a 503 asks for while the database is unreachable; postgres.js reconnects on demand. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * 503 with `Retry-After` when `err` says the database cannot be reached: an outage is not a
 * bug, and the browser (or Facebook, for webhooks) may simply try again. Undefined otherwise.
 */
export function databaseUnavailableResponse(err: unknown, c: Context): Response | undefined {
  if (!isDatabaseUnavailable(err)) return undefined;
  const cause = err instanceof Error && err.cause !== undefined ? err.cause : err;
  console.warn("database unavailable:", c.req.method, c.req.path, String(cause));
  c.header("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
  return c.json(
    {
      error: {
        code: "database_unavailable",
        message: "Waymark cannot reach its database right now; try again in a few seconds",
      },
    } satisfies ErrorBody,
    503,
  );
}
