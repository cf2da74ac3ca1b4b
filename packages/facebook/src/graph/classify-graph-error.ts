import type { GraphBackoff, GraphErrorClassification } from "./facebook-error";
import {
  GRAPH_ERROR_CODE_RANGES,
  GRAPH_ERROR_CODES,
  type GraphErrorCodeEntry,
} from "./graph-error-codes";

/** What to do about a Graph error, from its code, subcode and HTTP status. */
export function classifyGraphError(input: { code: number; subcode?: number; httpStatus: number }): {
  classification: GraphErrorClassification;
  backoff?: GraphBackoff;
} {
  const codes: readonly GraphErrorCodeEntry[] = GRAPH_ERROR_CODES;
  const exact =
    (input.subcode === undefined
      ? undefined
      : codes.find((e) => e.code === input.code && e.subcode === input.subcode)) ??
    codes.find((e) => e.code === input.code && e.subcode === undefined);
  const found =
    exact ?? GRAPH_ERROR_CODE_RANGES.find((r) => input.code >= r.from && input.code <= r.to);
  if (found) {
    return "backoff" in found && found.backoff !== undefined
      ? { classification: found.classification, backoff: found.backoff }
      : { classification: found.classification };
  }
  // Unknown codes are not retried (a resend could duplicate) unless the server says it failed.
  if (input.httpStatus >= 500) return { classification: "retry", backoff: "transient" };
  return { classification: "bad_request" };
}
