import { z } from "zod";
import { storableText } from "../../text/storable-text";
import { nodeNameSchema } from "../node-name";
import { nodePositionSchema } from "../node-position";
import { programIdSchema } from "../program-id";
import { PROGRAM_LIMITS } from "../program-limits";

/** Zod schema for an End node: its name is recorded as the contact's outcome. */
export const endNodeSchema = z.strictObject({
  id: programIdSchema,
  type: z.literal("end"),
  position: nodePositionSchema.default({ x: 0, y: 0 }),
  data: z
    .strictObject({
      name: nodeNameSchema,
      outcome: storableText()
        .max(
          PROGRAM_LIMITS.maxOutcomeLength,
          `An outcome name can be at most ${PROGRAM_LIMITS.maxOutcomeLength} characters`,
        )
        .default("Completed"),
    })
    .default({ outcome: "Completed" }),
});

/** An End node. */
export type EndNode = z.output<typeof endNodeSchema>;
