import { z } from "zod";

/**
 * A Graph timestamp such as `2025-03-01T09:00:00+0000`, normalised to ISO 8601 UTC
 * (`2025-03-01T09:00:00.000Z`) so callers can compare and parse it without Graph's offset form.
 */
export const graphTimeSchema = z.string().transform((value, ctx) => {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: "custom", message: `not a Graph time: ${value}` });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
});
