import { type ApiErrorCode, UNSTORABLE_TEXT_MESSAGE } from "@waymark/domain";
import type { ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type ErrorBody, ServiceError } from "../errors";
import { databaseUnavailableResponse } from "./database-unavailable";
import { pgErrorCode } from "./pg-error-code";

/** Maps every thrown error to `{ error: { code, message, details? } }`; never leaks a stack. */
export const errorHandler: ErrorHandler = (err, c) => {
  if (err instanceof ServiceError) {
    const body: ErrorBody = {
      error: { code: err.code, message: err.message, ...(err.details && { details: err.details }) },
    };
    const retryAfter = err.details?.retryAfterSeconds;
    if (typeof retryAfter === "number") c.header("Retry-After", String(retryAfter));
    return c.json(body, err.status as ContentfulStatusCode);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code: ApiErrorCode =
      status === 400 ? "invalid_json" : status === 413 ? "payload_too_large" : `http_${status}`;
    const message =
      status === 400
        ? "The request body is not valid JSON"
        : status === 413
          ? "The request body is larger than the limit"
          : err.message || "Request failed";
    return c.json({ error: { code, message } } satisfies ErrorBody, status);
  }
  const unavailable = databaseUnavailableResponse(err, c);
  if (unavailable) return unavailable;
  // A backstop: schemas refuse such text with the field named, but nothing should make it a 500.
  const pgCode = pgErrorCode(err);
  if (pgCode === "22021" || pgCode === "22P05") {
    const message = `The request ${UNSTORABLE_TEXT_MESSAGE}`;
    return c.json({ error: { code: "invalid_request", message } } satisfies ErrorBody, 400);
  }
  console.error("unhandled error", c.req.method, c.req.path, err);
  return c.json(
    { error: { code: "internal_error", message: "Something went wrong on our side" } },
    500,
  );
};

/** JSON 404 for unknown API paths. */
export const apiNotFound: NotFoundHandler = (c) =>
  c.json(
    { error: { code: "not_found", message: `No route for ${c.req.method} ${c.req.path}` } },
    404,
  );
