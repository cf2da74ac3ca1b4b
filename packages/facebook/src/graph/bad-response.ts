import type { TransportError } from "./facebook-error";

/**
 * An answer Graph should never give (no JSON, wrong shape). A refusal (4xx) or an idempotent
 * call is safe to repeat; anything else may have taken effect, so its outcome is unknown.
 */
export function badResponse(message: string, status: number, idempotent: boolean): TransportError {
  const refused = status >= 400 && status < 500;
  const kind = idempotent || refused ? "retry" : "unknown";
  return { kind, classification: kind, reason: "bad_response", message, httpStatus: status };
}
