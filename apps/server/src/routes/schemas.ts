import { storableText } from "@waymark/domain";
import { z } from "zod";
import { cursorParam } from "../services/page-cursor";

/** `:id` path parameter that must be a uuid; anything else is simply not found. */
export const idParam = z.object({ id: z.uuid({ error: "is not an id" }) });

/** Keyset pagination query; `cursor` is decoded and checked with the page's `cursorParts`. */
export function pageQuery<T extends z.ZodType>(cursorParts: T) {
  return z.object({
    cursor: cursorParam(cursorParts).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  });
}

/**
 * A program version: PostgreSQL keeps it as an integer, so larger numbers cannot be one.
 * A function, so the public API's schemas get zod-openapi's `.openapi()` (added at its import).
 */
export function programVersion() {
  const message = "is not a version of this program";
  return z
    .number({ error: (issue) => (issue.input === undefined ? "is required" : message) })
    .int()
    .min(1, message)
    .max(2_147_483_647, message);
}

/** Field values as sent by clients: stored JSON form or typed text; null clears. */
export const valuesInput = z.record(
  storableText().max(40),
  z.union([storableText().max(10_000), z.number(), z.boolean(), z.null()]),
);
