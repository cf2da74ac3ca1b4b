/** How the caller should react to a failed Graph call; see MESSENGER.md §1.4 for the codes behind each class. */
export type GraphErrorClassification =
  | "retry"
  | "permanent_recipient"
  | "window"
  | "token_invalid"
  | "permission"
  | "bad_request";

/** Which kind of pause a retryable Graph error calls for. */
export type GraphBackoff = "rate_limit" | "transient";

/** An error answered by the Graph API itself, with its code, subcode and what to do about it. */
export interface GraphError {
  kind: "graph";
  code: number;
  subcode?: number;
  type: string;
  message: string;
  userMessage?: string;
  fbtraceId?: string;
  httpStatus: number;
  classification: GraphErrorClassification;
  backoff?: GraphBackoff;
  retryAfterMs?: number;
}

/**
 * A call that got no usable Graph answer. `retry`: Facebook certainly did not act on it (or the
 * call is idempotent); `unknown`: it may have acted, so a send must not be repeated blindly.
 */
export interface TransportError {
  kind: "retry" | "unknown";
  classification: "retry" | "unknown";
  reason: "connect_failed" | "timeout" | "network" | "bad_response";
  message: string;
  httpStatus?: number;
}

/** Any failure of a Facebook call; switch on `classification` to decide what to do. */
export type FacebookError = GraphError | TransportError;

/** The outcome of a Facebook call: its named results on success, the error otherwise; never thrown. */
export type FacebookResult<T extends object = object> =
  | ({ ok: true } & T)
  | { ok: false; error: FacebookError };
