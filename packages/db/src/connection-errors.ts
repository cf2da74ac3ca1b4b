/**
 * Errors that say the database cannot be reached right now (down, restarting, refusing
 * connections, or the connection was cut), as opposed to a query that failed: callers answer
 * these with "try again shortly" instead of a failure. Looks through wrapping (`cause`, as
 * Drizzle's query errors) and through every attempt of a multi-address connect.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (UNREACHABLE.has(code) || code.startsWith("08"))) return true;
  if (
    error instanceof AggregateError &&
    error.errors.some((e) => isDatabaseUnavailable(e, depth + 1))
  )
    return true;
  return isDatabaseUnavailable((error as { cause?: unknown }).cause, depth + 1);
}

const UNREACHABLE = new Set([
  // Node's socket errors.
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  // postgres.js: the connection closed or could not be opened in time.
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  // PostgreSQL (SQLSTATE; class 08 above): shut down by an admin or a crash, starting up,
  // too many connections.
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);
