import { z } from "zod";
import { formatCount } from "../text/format-count";
import { CURRENT_PROGRAM_SCHEMA_VERSION } from "./migrations/program-migrations";
import { programEdgeSchema } from "./program-edge";
import { PROGRAM_LIMITS } from "./program-limits";
import { programNodeSchema } from "./program-node";

/** Zod schema for the current program document (SPEC §5): nodes and edges, as on the canvas. */
export const programDocumentSchema = z.strictObject({
  schemaVersion: z.literal(CURRENT_PROGRAM_SCHEMA_VERSION),
  nodes: z
    .array(programNodeSchema)
    .max(
      PROGRAM_LIMITS.maxNodes,
      `A program can have at most ${formatCount(PROGRAM_LIMITS.maxNodes)} nodes`,
    ),
  edges: z
    .array(programEdgeSchema)
    .max(
      PROGRAM_LIMITS.maxEdges,
      `A program can have at most ${formatCount(PROGRAM_LIMITS.maxEdges)} connections`,
    )
    .default([]),
});

/** A program document as stored (defaults filled in). */
export type ProgramDocument = z.output<typeof programDocumentSchema>;

/** A program document as accepted from clients (defaults may be omitted). */
export type ProgramDocumentInput = z.input<typeof programDocumentSchema>;
