import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ServiceError } from "../errors";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Refuses bodies over `maxBytes` with 413 in the error format. */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ServiceError(
        413,
        "payload_too_large",
        `The request body is larger than ${Math.round(maxBytes / 1024)} KB`,
      );
    },
  });
}

/**
 * Whether the client sent a body. Judged by the framing headers, as HTTP/1.1 does: the Node
 * adapter gives every DELETE a body stream even when the browser sent no body at all.
 */
function sentBody(length: string | undefined, transferEncoding: string | undefined): boolean {
  return transferEncoding !== undefined || (length !== undefined && length.trim() !== "0");
}

/** JSON routes take JSON only: a body of any other type is 415 (also blocks form-post CSRF). */
export const requireJsonBody: MiddlewareHandler = async (c, next) => {
  if (STATE_CHANGING.has(c.req.method)) {
    const type = c.req.header("content-type");
    const hasBody = sentBody(c.req.header("content-length"), c.req.header("transfer-encoding"));
    const isJson = type !== undefined && /^application\/(.+\+)?json\s*(;|$)/i.test(type);
    if ((hasBody || type !== undefined) && !isJson) {
      throw new ServiceError(
        415,
        "unsupported_media_type",
        "Send the request body as application/json",
      );
    }
  }
  await next();
};
