import { z } from "zod";
import { programIdSchema } from "./program-id";

/** Output handles of a Decision node; other nodes have one unnamed output (null). */
export const DECISION_HANDLES = ["yes", "no"] as const;

/** A Decision output handle. */
export type DecisionHandle = (typeof DECISION_HANDLES)[number];

/** Zod schema for a connection from a node's output to another node. */
export const programEdgeSchema = z.strictObject({
  id: programIdSchema,
  source: programIdSchema,
  sourceHandle: z
    .enum(DECISION_HANDLES, { error: 'sourceHandle is "yes", "no" or null' })
    .nullable()
    .default(null),
  target: programIdSchema,
});

/** A connection between two nodes. */
export type ProgramEdge = z.output<typeof programEdgeSchema>;
