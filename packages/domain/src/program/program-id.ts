import { z } from "zod";
import { PROGRAM_LIMITS } from "./program-limits";

/** Characters allowed in node, edge, profile and list ids inside a program document. */
export const PROGRAM_ID_PATTERN = /^[A-Za-z0-9_.:-]+$/;

/** Zod schema for an id inside a program document: 1–64 safe characters. */
export const programIdSchema = z
  .string({ error: "An id must be text" })
  .min(1, "An id cannot be empty")
  .max(PROGRAM_LIMITS.maxIdLength, `An id can be at most ${PROGRAM_LIMITS.maxIdLength} characters`)
  .regex(PROGRAM_ID_PATTERN, "An id can contain only letters, digits and _ - . :");
