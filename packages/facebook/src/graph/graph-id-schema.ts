import { z } from "zod";

/** A Graph id: officially a decimal string; safe-integer numbers (seen in some fixtures) become strings. */
export const graphIdSchema = z
  .union([z.string().min(1), z.number().int().nonnegative()])
  .transform(String);
