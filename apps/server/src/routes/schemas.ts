import { z } from "zod";

/** `:id` path parameter that must be a uuid; anything else is simply not found. */
export const idParam = z.object({ id: z.uuid({ error: "is not an id" }) });

/** Keyset pagination query. */
export const pageQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Field values as sent by clients: stored JSON form or typed text; null clears. */
export const valuesInput = z.record(
  z.string().max(40),
  z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]),
);
