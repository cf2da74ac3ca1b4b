import type { TransportError } from "./facebook-error";

/** Error codes raised before any byte of the request can have reached the server. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** Collects `code`s along an error's `cause` chain and inside AggregateErrors (bounded). */
function errorCodes(error: unknown, depth = 0): string[] {
  if (depth > 5 || typeof error !== "object" || error === null) return [];
  const codes: string[] = [];
  if ("code" in error && typeof error.code === "string") codes.push(error.code);
  if ("cause" in error) codes.push(...errorCodes(error.cause, depth + 1));
  if ("errors" in error && Array.isArray(error.errors)) {
    for (const inner of error.errors) codes.push(...errorCodes(inner, depth + 1));
  }
  return codes;
}

function isTimeout(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    "name" in error &&
    (error.name === "TimeoutError" || error.name === "AbortError")
  );
}

function describe(error: unknown, codes: readonly string[]): string {
  const base = error instanceof Error ? error.message : String(error);
  return codes.length > 0 ? `${base} (${[...new Set(codes)].join(", ")})` : base;
}

/**
 * Classifies a rejected `fetch`: a connection that provably never carried the request is
 * `retry`; anything else (timeouts, resets) is `unknown` unless the call is idempotent.
 */
export function classifyFetchFailure(error: unknown, idempotent: boolean): TransportError {
  const codes = errorCodes(error);
  if (codes.length > 0 && codes.every((code) => NOT_SENT_CODES.has(code))) {
    return {
      kind: "retry",
      classification: "retry",
      reason: "connect_failed",
      message: describe(error, codes),
    };
  }
  const kind = idempotent ? "retry" : "unknown";
  return {
    kind,
    classification: kind,
    reason: isTimeout(error) ? "timeout" : "network",
    message: isTimeout(error) ? "The request timed out" : describe(error, codes),
  };
}
