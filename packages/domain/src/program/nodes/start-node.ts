import { z } from "zod";
import { nodeNameSchema } from "../node-name";
import { nodePositionSchema } from "../node-position";
import { programIdSchema } from "../program-id";

/** Zod schema for a Start node: enrolment from a list and/or through the public API. */
export const startNodeSchema = z.strictObject({
  id: programIdSchema,
  type: z.literal("start"),
  position: nodePositionSchema.default({ x: 0, y: 0 }),
  data: z
    .strictObject({
      name: nodeNameSchema,
      listId: programIdSchema.nullable().default(null),
      allowApi: z.boolean().default(false),
    })
    .default({ listId: null, allowApi: false }),
});

/** A Start node. */
export type StartNode = z.output<typeof startNodeSchema>;
