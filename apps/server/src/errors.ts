import { type ApiErrorCode, describeInputProblem } from "@waymark/domain";
import type { z } from "zod";

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 502 | 503;

/** A failure a service reports to its caller; the HTTP layer turns it into the error format. */
export class ServiceError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** 404 for a record that does not exist or belongs to another account (the two look alike). */
export function notFound(what: string): ServiceError {
  return new ServiceError(404, "not_found", `${what} not found`);
}

/** 400 with one message per field, from zod issues. */
export function invalidInput(issues: readonly z.core.$ZodIssue[]): ServiceError {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join(".") || "body";
    fields[path] ??= fieldMessage(issue);
  }
  const first = issues[0];
  const message = first
    ? describeInputProblem(first.path, fieldMessage(first))
    : "The request is not valid";
  return new ServiceError(400, "invalid_request", message, { fields });
}

/**
 * 400 for refused inputs: `details.fields` is keyed by their paths (for programs), the message
 * names the first by its label (for people), e.g. "Account name is required", unless the
 * caller words it (`summary`).
 */
export function invalidFields(fields: Record<string, string>, summary?: string): ServiceError {
  const [path, message] = Object.entries(fields)[0] ?? ["body", "is not valid"];
  return new ServiceError(
    400,
    "invalid_request",
    summary ?? describeInputProblem(path.split("."), message),
    { fields },
  );
}

/** 400 for one refused input, named by its label: see `invalidFields`. */
export function invalidField(path: string, message: string): ServiceError {
  return invalidFields({ [path]: message });
}

function fieldMessage(issue: z.core.$ZodIssue): string {
  // A record key that fails its schema: say why, not just "Invalid key in record".
  if (issue.code === "invalid_key" && issue.issues[0]) return fieldMessage(issue.issues[0]);
  if (issue.code === "unrecognized_keys") return `unknown field(s): ${issue.keys.join(", ")}`;
  // zod 4 leaves the input out of issues; its default message says what was received.
  if (issue.code === "invalid_type" && /received undefined$/.test(issue.message))
    return "is required";
  return issue.message;
}

/** The one error body every route answers with. */
export interface ErrorBody {
  error: { code: ApiErrorCode; message: string; details?: Record<string, unknown> };
}
