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

/** Field values as sent by clients: stored JSON form or typed text; null clears. */
export const valuesInput = z.record(
  storableText().max(40),
  z.union([storableText().max(10_000), z.number(), z.boolean(), z.null()]),
);
