import { z } from "zod";
import { nodeNameSchema } from "../node-name";
import { nodePositionSchema } from "../node-position";
import { programIdSchema } from "../program-id";
import { PROGRAM_LIMITS } from "../program-limits";

/** Units of a Wait node. */
export const WAIT_UNITS = ["minutes", "hours", "days"] as const;

/** A Wait node's unit. */
export type WaitUnit = (typeof WAIT_UNITS)[number];

/** Zod schema for a Wait node; a zero amount is storable in a draft and reported by validation. */
export const waitNodeSchema = z.strictObject({
  id: programIdSchema,
  type: z.literal("wait"),
  position: nodePositionSchema.default({ x: 0, y: 0 }),
  data: z
    .strictObject({
      name: nodeNameSchema,
      amount: z
        .number()
        .int("The wait must be a whole number")
        .min(0, "The wait cannot be negative")
        .max(
          PROGRAM_LIMITS.maxWaitAmount,
          `The wait can be at most ${PROGRAM_LIMITS.maxWaitAmount}`,
        )
        .default(1),
      unit: z.enum(WAIT_UNITS, { error: "Choose minutes, hours or days" }).default("days"),
    })
    .default({ amount: 1, unit: "days" }),
});

/** A Wait node. */
export type WaitNode = z.output<typeof waitNodeSchema>;
