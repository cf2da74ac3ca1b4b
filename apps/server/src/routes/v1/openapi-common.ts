import { z } from "@hono/zod-openapi";

/** The error body of every /api/v1 failure, as documented in the OpenAPI document. */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "invalid_request" }),
      message: z.string().openapi({ example: "email: must be a valid email address" }),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .openapi("Error");

/** A JSON request or response body described by `schema`. */
export const jsonContent = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });

const errorContent = jsonContent(errorSchema);

/** Standard error responses shared by every route. */
export const errorResponses = {
  400: { description: "Invalid input, with a message per field", content: errorContent },
  401: { description: "Missing, unknown or revoked API key", content: errorContent },
  404: { description: "Not found (or not in this account)", content: errorContent },
  413: { description: "Body over 1 MB", content: errorContent },
  415: { description: "Body is not application/json", content: errorContent },
} as const;

export const bearerSecurity = [{ apiKey: [] }];
