import { newTraceId } from "../domain/ids";

export type GraphErrorType = "OAuthException" | "GraphMethodException" | "GraphBatchException";

export interface GraphErrorFields {
  message: string;
  type: GraphErrorType;
  code: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_title?: string;
  error_user_msg?: string;
}

/** A Graph API error: thrown or returned by handlers, answered as Facebook's JSON envelope. */
export class GraphError extends Error {
  constructor(
    readonly fields: GraphErrorFields,
    readonly status = 400,
  ) {
    super(fields.message);
  }

  /** The `{ error: { … } }` body, with a fresh `fbtrace_id`. */
  toBody(): { error: GraphErrorFields & { fbtrace_id: string } } {
    return { error: { ...this.fields, fbtrace_id: newTraceId() } };
  }

  /** Extra response headers Facebook sends with this error. */
  headers(): Record<string, string> {
    if (this.fields.code !== 190) return {};
    const detail = this.fields.message.replace(/"/g, "'");
    return { "WWW-Authenticate": `OAuth "Facebook Platform" "invalid_token" "${detail}"` };
  }
}

/** Builds a `(#code) message` error in Graph's wording style. */
export function coded(
  code: number,
  message: string,
  extra: Partial<GraphErrorFields> = {},
): GraphError {
  return new GraphError({
    message: `(#${code}) ${message}`,
    type: "OAuthException",
    code,
    ...extra,
  });
}

/** `(#100)` invalid parameter. */
export function invalidParam(message: string, subcode?: number): GraphError {
  return coded(100, message, subcode === undefined ? {} : { error_subcode: subcode });
}

/** Graph's answer for an id that is not visible with this token (code 100, subcode 33). */
export function unsupportedRequest(method: "get" | "post" | "delete", id: string): GraphError {
  return new GraphError({
    message: `Unsupported ${method} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    type: "GraphMethodException",
    code: 100,
    error_subcode: 33,
  });
}
